package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtEntry;
import io.crossroot.binfmt.BinfmtInstaller;
import io.crossroot.binfmt.BinfmtIssue;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.binfmt.EntryOutcome;
import io.crossroot.binfmt.InstallOptions;
import io.crossroot.binfmt.InstallResult;
import io.crossroot.binfmt.InstallStatus;
import io.crossroot.binfmt.RemovedEntry;
import io.crossroot.binfmt.RestoredEntry;
import io.crossroot.binfmt.UninstallResult;
import io.crossroot.debian.DebianRepository;
import io.crossroot.qemu.BinfmtVerifier;
import io.crossroot.qemu.ProbeBinaries;
import io.crossroot.qemu.QemuInterpreters;
import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "binfmt",
        mixinStandardHelpOptions = true,
        subcommands = {
            BinfmtCommand.Status.class,
            BinfmtCommand.Install.class,
            BinfmtCommand.Uninstall.class,
            BinfmtCommand.Verify.class
        },
        description = "Manage the kernel's binfmt_misc entries that run foreign binaries through qemu-user.")
final class BinfmtCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "Missing subcommand (status, install, uninstall, verify)");
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "List the registered binfmt_misc entries and flag broken ones (interpreter missing, dynamic interpreter).")
    static final class Status implements Callable<Integer> {
        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            BinfmtMisc kernel = BinfmtMisc.system();
            kernel.ensureMounted();
            List<BinfmtEntry> entries = kernel.list();
            List<BinfmtIssue> issues = kernel.check(Path.of("/"));
            json.print(() -> statusJson(kernel, entries, issues), out -> printStatus(out, kernel, entries, issues));
            return 0;
        }

        private static Map<String, Object> statusJson(
                BinfmtMisc kernel, List<BinfmtEntry> entries, List<BinfmtIssue> issues) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("enabled", kernel.globallyEnabled());
            List<Map<String, Object>> list = new ArrayList<>();
            for (BinfmtEntry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                m.put("enabled", e.enabled());
                m.put("interpreter", e.interpreter());
                m.put("flags", e.flags());
                m.put("offset", e.offset());
                m.put("magic", e.magicRule().map(p -> p.magicHex()).orElse(null));
                m.put("mask", e.magicRule().map(p -> p.maskHex()).orElse(null));
                m.put("extension", e.extension());
                m.put(
                        "issues",
                        issues.stream().filter(i -> i.entry().equals(e.name())).toList());
                list.add(m);
            }
            r.put("entries", list);
            return r;
        }

        private static void printStatus(
                PrintWriter out, BinfmtMisc kernel, List<BinfmtEntry> entries, List<BinfmtIssue> issues) {
            out.println("binfmt_misc is " + (kernel.globallyEnabled() ? "enabled" : "DISABLED") + " (" + kernel.dir()
                    + ")");
            List<List<String>> rows = new ArrayList<>();
            for (BinfmtEntry e : entries) {
                rows.add(List.of(
                        e.name(),
                        e.enabled() ? "enabled" : "disabled",
                        e.interpreter(),
                        e.flags().isEmpty() ? "-" : e.flags(),
                        String.valueOf(e.offset()),
                        e.magicRule().map(p -> p.magicHex()).orElse("ext ." + e.extension()),
                        e.magicRule().map(p -> p.maskHex()).orElse("-")));
            }
            Output.table(out, List.of("NAME", "STATE", "INTERPRETER", "FLAGS", "OFFSET", "MAGIC", "MASK"), rows);
            for (BinfmtIssue i : issues) {
                out.println(i.severity() + " " + i.entry() + ": " + i.message());
            }
        }
    }

    @Command(
            name = "install",
            mixinStandardHelpOptions = true,
            description =
                    "Fetch Debian's static qemu-user interpreters from the mirror (verified, cached) and register them "
                            + "with flags F, P and O, so foreign programs run anywhere, also inside chroots and containers.")
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--arch",
                paramLabel = "A,B|all",
                defaultValue = "all",
                description = "Architectures to register (default: all foreign ones).")
        String arch;

        @Option(
                names = "--credentials",
                description = "Add the C flag (setuid programs get their credentials; see the warning).")
        boolean credentials;

        @Option(
                names = "--force",
                description = "Replace conflicting entries (same magic under another name, or someone "
                        + "else's entry of the same name); crossroot remembers them in /var/lib/crossroot and 'binfmt uninstall' "
                        + "registers them again.")
        boolean force;

        @Option(
                names = "--persist",
                description =
                        "Also write /etc/binfmt.d/crossroot-*.conf so systemd registers the "
                                + "entries at boot, with the interpreters copied to /usr/local/lib/crossroot (a cache clean leaves them).")
        boolean persist;

        @Option(
                names = "--qemu-suite",
                defaultValue = "trixie",
                paramLabel = "SUITE",
                description = "Debian suite whose qemu interpreters to use (default: ${DEFAULT-VALUE}).")
        String qemuSuite;

        @Mixin
        JsonOption json;

        @Mixin
        RepositoryOptions repository;

        @Override
        public Integer call() {
            List<Arch> archs = ArchCatalog.parseList(arch);
            Function<Arch, Path> interpreters = lazyInterpreters(archs);
            InstallResult result;
            try (DownloadProgress progress = new DownloadProgress()) {
                this.progress = progress;
                result = BinfmtInstaller.system()
                        .install(archs, interpreters, new InstallOptions(credentials, force, persist));
            }
            json.print(() -> result, out -> {
                List<List<String>> rows = new ArrayList<>();
                for (EntryOutcome e : result.entries()) {
                    rows.add(List.of(
                            e.name(),
                            String.join(",", e.archs()),
                            e.status().label(),
                            e.flags() == null ? "-" : e.flags(),
                            e.interpreter() == null ? "-" : e.interpreter()));
                }
                Output.table(out, List.of("ENTRY", "ARCH", "RESULT", "FLAGS", "INTERPRETER"), rows);
                for (EntryOutcome e : result.entries()) {
                    if (e.status() == InstallStatus.CONFLICT) {
                        out.println(e.name() + ": " + e.detail());
                    }
                }
            });
            for (String w : result.warnings()) {
                spec.commandLine().getErr().println("warning: " + w);
            }
            if (result.hasConflicts()) {
                throw new UserError("Some entries were not installed because other binfmt_misc entries claim the same "
                        + "programs (listed above). Run again with --force to replace them, or remove them first "
                        + "('crossroot binfmt status' shows them).");
            }
            return 0;
        }

        private DownloadProgress progress;

        /** Downloads and extracts every requested interpreter once, on the first entry that needs one. */
        private Function<Arch, Path> lazyInterpreters(List<Arch> archs) {
            QemuInterpreters.Interpreters[] fetched = new QemuInterpreters.Interpreters[1];
            return a -> {
                if (fetched[0] == null) {
                    List<Arch> foreign = archs.stream()
                            .filter(x -> !ArchCatalog.runsNatively(x))
                            .toList();
                    DebianRepository repo = repository.open(qemuSuite);
                    fetched[0] = new QemuInterpreters(repo, Dirs.cache(), progress).fetch(foreign);
                }
                return fetched[0].pathFor(a);
            };
        }
    }

    @Command(
            name = "uninstall",
            mixinStandardHelpOptions = true,
            description =
                    "Remove crossroot's binfmt_misc entries (and their binfmt.d files and interpreter copies), and "
                            + "register again the entries 'install --force' replaced.")
    static final class Uninstall implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "Remove every qemu entry, not only crossroot's own, and restore none.")
        boolean all;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            UninstallResult result = BinfmtInstaller.system().uninstall(all);
            json.print(() -> result, out -> printText(out, result));
            return 0;
        }

        private void printText(PrintWriter out, UninstallResult result) {
            if (result.removed().isEmpty() && result.restored().isEmpty()) {
                out.println("nothing to remove");
            }
            for (RemovedEntry r : result.removed()) {
                out.println("removed " + r.name() + " (" + r.interpreter() + ")"
                        + (r.confDeleted() != null ? ", deleted " + r.confDeleted() : ""));
            }
            for (RestoredEntry r : result.restored()) {
                if (r.error() == null) {
                    out.println(
                            "restored " + r.name() + " (" + r.interpreter() + "), which install --force had replaced");
                } else {
                    spec.commandLine()
                            .getErr()
                            .println("warning: could not restore " + r.name() + " (" + r.interpreter()
                                    + "), which install --force had replaced: " + r.error()
                                    + " crossroot tries again at the "
                                    + "next uninstall.");
                }
            }
            for (String w : result.warnings()) {
                spec.commandLine().getErr().println("warning: " + w);
            }
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Run a real static probe program (Debian's busybox-static) for each registered architecture "
                    + "and check the uname -m it prints.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--arch",
                paramLabel = "A,B|all",
                description = "Architectures to check (default: every architecture with a registered entry).")
        String arch;

        @Option(
                names = "--suite",
                converter = Converters.Suite.class,
                defaultValue = "trixie",
                paramLabel = "SUITE",
                description = "Suite to take the probe programs from (default: ${DEFAULT-VALUE}).")
        String suite;

        @Mixin
        JsonOption json;

        @Mixin
        RepositoryOptions repository;

        @Override
        public Integer call() throws InterruptedException {
            BinfmtMisc kernel = BinfmtMisc.system();
            kernel.ensureMounted();
            List<BinfmtVerifier.Probe> probes;
            try (DownloadProgress progress = new DownloadProgress()) {
                BinfmtVerifier verifier =
                        new BinfmtVerifier(kernel, new ProbeBinaries(repository.open(suite), Dirs.cache(), progress));
                List<Arch> archs = arch != null
                        ? ArchCatalog.parseList(arch)
                        : verifier.registered(ArchCatalog.all().stream()
                                .filter(a -> !ArchCatalog.runsNatively(a))
                                .toList());
                if (archs.isEmpty()) {
                    throw new UserError("No binfmt_misc entry for a foreign architecture is registered, so there is "
                            + "nothing to verify. Run 'crossroot binfmt install --arch riscv64,arm64' first.");
                }
                probes = verifier.verify(archs);
            }
            json.print(() -> probes, out -> {
                List<List<String>> rows = new ArrayList<>();
                for (BinfmtVerifier.Probe p : probes) {
                    rows.add(List.of(
                            p.arch(),
                            p.actual() == null ? "-" : p.actual(),
                            p.ok() ? "ok" : "FAILED",
                            p.entry() == null ? "-" : p.entry(),
                            p.ok() ? "" : p.detail()));
                }
                Output.table(out, List.of("ARCH", "UNAME -M", "RESULT", "ENTRY", "DETAIL"), rows);
            });
            long failed = probes.stream().filter(p -> !p.ok()).count();
            if (failed > 0) {
                throw new UserError(
                        failed + " of " + probes.size() + " architectures failed their probe (see the table). "
                                + "Re-register them with 'crossroot binfmt install --arch ...' and check 'crossroot binfmt status'.");
            }
            return 0;
        }
    }
}

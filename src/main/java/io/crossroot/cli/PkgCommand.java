package io.crossroot.cli;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.boot.VirtualBuildMachine;
import io.crossroot.debian.DebianRepository;
import io.crossroot.pkgbuild.BatchBuilder;
import io.crossroot.pkgbuild.Emulation;
import io.crossroot.pkgbuild.PackageBuildRequest;
import io.crossroot.pkgbuild.PackageBuildResult;
import io.crossroot.pkgbuild.PackageBuilder;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.toolbox.ToolboxPackages;
import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "pkg",
        mixinStandardHelpOptions = true,
        subcommands = {PkgCommand.Build.class, PkgCommand.Bench.class},
        description = "Build distribution packages for a foreign architecture in emulated build roots.")
final class PkgCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (build, bench)");
    }

    /** Options build and bench share. */
    static final class BuildOptions {
        @Option(
                names = "--arch",
                required = true,
                paramLabel = "ARCH",
                description = "Target architecture (riscv64, arm64, ...).")
        String arch;

        @Option(
                names = "--suite",
                converter = Converters.Suite.class,
                defaultValue = "trixie",
                paramLabel = "SUITE",
                description = "Debian suite (default: ${DEFAULT-VALUE}).")
        String suite;

        @Option(
                names = {"-j", "--jobs"},
                converter = Converters.PositiveCount.class,
                paramLabel = "N",
                description = "Parallel jobs per build (default: the cores, shared among parallel builds).")
        Integer jobs;

        @Option(
                names = "--profiles",
                split = ",",
                paramLabel = "P",
                description = "Build profiles, e.g. nocheck,nodoc (also set in DEB_BUILD_OPTIONS).")
        List<String> profiles = new ArrayList<>();

        @Option(
                names = "--keep-root",
                description = "Keep the build root afterwards (for debugging); its path is printed.")
        boolean keepRoot;

        @Option(
                names = "--no-accel",
                description = "Run every program of the build emulated (default: the architecture-neutral tools "
                        + "run as the host's build of the same version).")
        boolean noAccel;

        @Mixin
        VerboseOption verbosity; // each package's build log is its own file (BuildLog); -v also streams it

        @Mixin
        RepositoryOptions repository;

        @Mixin
        SandboxOptions sandbox;

        PackageBuilder builder(DownloadProgress downloads, java.io.PrintWriter messages) {
            return builder(downloads, messages, false);
        }

        /** @param machine also build in qemu-system virtual machines (opens the toolbox with QEMU and firmware) */
        PackageBuilder builder(DownloadProgress downloads, java.io.PrintWriter messages, boolean machine) {
            Consumer<String> echo = verbosity.verbose ? System.err::println : l -> {};
            RootfsProgress progress = new RootfsProgress() {
                @Override
                public void phase(String phase, String detail) {
                    System.err.println("root: " + phase + ": " + detail);
                }
            };
            DebianRepository repo = repository.open(suite);
            PackageBuilder builder = PackageBuilder.create(
                    repo,
                    sandbox.openFor(List.of(arch), repo, downloads, messages),
                    downloads,
                    progress,
                    echo,
                    Dirs.cache());
            if (!machine) {
                return builder;
            }
            Toolbox toolbox = new ToolboxInstaller(repo, Dirs.cache(), downloads)
                    .install(ToolboxPackages.DEFAULT, ToolboxPackages.GUEST_FILES, false);
            return builder.withMachine(new VirtualBuildMachine(toolbox));
        }

        PackageBuildRequest request(String source, String debianArch, Path output, int jobsDefault) {
            return new PackageBuildRequest(
                    source,
                    debianArch,
                    new LinkedHashSet<>(profiles),
                    jobs != null ? jobs : jobsDefault,
                    output,
                    keepRoot,
                    noAccel ? Emulation.USER : Emulation.ACCELERATED);
        }
    }

    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description =
                    "Build source packages (names from the suite's Sources, a .dsc, a Debian source tree, or an "
                            + "RPM .spec) for ARCH in fresh emulated build roots. Artifacts, the log and phase timings go to DIR.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                arity = "0..*",
                paramLabel = "SOURCE",
                description = "Source package names, .dsc files, source trees or .spec files.")
        List<String> sources = new ArrayList<>();

        @Option(
                names = "--from",
                paramLabel = "FILE",
                description = "Read further SOURCEs from FILE, one per line (# comments).")
        Path from;

        @Option(
                names = {"-o", "--output"},
                defaultValue = ".",
                paramLabel = "DIR",
                description = "Output directory (default: the current one).")
        Path output;

        @Mixin
        JsonOption json;

        @Mixin
        BuildOptions options;

        @Override
        public Integer call() {
            OutputChecks.of(spec).output("-o", output); // a directory the artifacts are added to, beside the sources
            List<String> all = new ArrayList<>(sources);
            if (from != null) {
                all.addAll(readSourceList(from));
            }
            if (all.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "Give at least one SOURCE (or --from FILE).");
            }
            String arch = ArchCatalog.require(options.arch).debian();
            int cores = Runtime.getRuntime().availableProcessors();
            int parallel = BatchBuilder.parallelism(all.size(), cores, Memory.available());
            List<PackageBuildRequest> requests = all.stream()
                    .map(s -> options.request(s, arch, output, Math.max(1, cores / parallel)))
                    .toList();
            try (DownloadProgress downloads = new DownloadProgress()) {
                PackageBuilder builder =
                        options.builder(downloads, spec.commandLine().getErr());
                if (requests.size() == 1) {
                    return single(builder.build(requests.get(0)));
                }
                System.err.println("building " + requests.size() + " packages, " + parallel + " at a time");
                return batch(new BatchBuilder(builder).build(requests, parallel));
            }
        }

        /** The SOURCEs listed in {@code file}, one per line, blank lines and # comments skipped. */
        private static List<String> readSourceList(Path file) {
            try {
                return Files.readAllLines(file).stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                        .toList();
            } catch (IOException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "it does not exist" : e.getMessage();
                throw new UserError(
                        "Cannot read the list of sources " + file + " (--from): " + why + ". Give a "
                                + "readable text file with one source per line.",
                        e);
            }
        }

        private int single(PackageBuildResult r) {
            json.print(() -> PkgReport.json(r), out -> {
                Output.table(out, List.of("PHASE", "SECONDS"), PkgReport.phaseRows(r));
                r.artifacts().forEach(a -> out.println(a));
                out.println("log: " + r.log());
                if (r.keptRoot() != null) {
                    out.println("root kept: " + r.keptRoot());
                }
            });
            if (!r.ok()) {
                throw new UserError("Building " + r.name() + " " + r.version() + " for " + r.arch() + " failed; the "
                        + "full log is " + r.log() + ". Its last lines:\n  " + String.join("\n  ", r.tail()));
            }
            return 0;
        }

        private int batch(List<BatchBuilder.Entry> entries) {
            json.print(() -> entries.stream().map(PkgReport::json).toList(), out -> {
                Output.table(out, List.of("PACKAGE", "RESULT", "TIME", "ARTIFACTS"), PkgReport.summaryRows(entries));
                entries.stream()
                        .filter(e -> !e.ok())
                        .forEach(e -> out.println(e.source() + ": "
                                + (e.error() != null
                                        ? e.error()
                                        : "failed, log " + e.result().log())));
            });
            return entries.stream().allMatch(BatchBuilder.Entry::ok) ? 0 : Main.EXIT_FAILURE;
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description = "Build SOURCE natively for the host, for ARCH under plain qemu-user, for ARCH accelerated "
                    + "(native twins of the architecture-neutral tools) and, when asked, in a qemu-system virtual "
                    + "machine, and compare wall, user and system time of the build command.")
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(
                arity = "1..*",
                paramLabel = "SOURCE",
                description = "Source package names, .dsc files or source trees.")
        List<String> sources;

        @Option(
                names = {"-o", "--output"},
                defaultValue = "bench-out",
                paramLabel = "DIR",
                description = "Output directory (default: ${DEFAULT-VALUE}).")
        Path output;

        @Option(
                names = "--modes",
                split = ",",
                defaultValue = "native,user,accel",
                paramLabel = "MODE",
                description = "The builds to time, in this order: native, user (plain qemu-user), accel (qemu-user "
                        + "with native twins), system (a qemu-system virtual machine booted from a disk image of the "
                        + "build root with its kernel) (default: ${DEFAULT-VALUE}).")
        List<String> modes;

        @Option(
                names = "--runs",
                defaultValue = "1",
                paramLabel = "N",
                description = "Build each mode N times, the modes taking turns, and show the median of each time "
                        + "(default: ${DEFAULT-VALUE}).")
        int runs;

        @Mixin
        JsonOption json;

        @Mixin
        BuildOptions options;

        @Override
        public Integer call() {
            if (runs < 1) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--runs must be at least 1, not " + runs);
            }
            List<PkgReport.BenchMode> chosen;
            try {
                chosen = modes.stream()
                        .map(PkgReport.BenchMode::parse)
                        .distinct()
                        .toList();
            } catch (UserError e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            String arch = ArchCatalog.require(options.arch).debian();
            String host = ArchCatalog.host().debian();
            int cores = Runtime.getRuntime().availableProcessors();
            List<PkgReport.BenchRow> rows = new ArrayList<>();
            try (DownloadProgress downloads = new DownloadProgress()) {
                PackageBuilder builder = options.builder(
                        downloads, spec.commandLine().getErr(), chosen.contains(PkgReport.BenchMode.SYSTEM));
                for (String source : sources) {
                    // one after the other: two builds at once would share the cores and spoil both figures;
                    // the modes take turns, so that a change in the machine's load falls on all of them
                    Map<PkgReport.BenchMode, List<PackageBuildResult>> results = new LinkedHashMap<>();
                    Map<PkgReport.BenchMode, String> errors = new LinkedHashMap<>();
                    for (int run = 1; run <= runs; run++) {
                        String suffix = run == 1 ? "" : "-run" + run;
                        for (PkgReport.BenchMode mode : chosen) {
                            if (errors.containsKey(mode)) {
                                continue;
                            }
                            PackageBuildRequest request = switch (mode) {
                                case NATIVE -> options.request(source, host, output.resolve(host + suffix), cores);
                                case USER ->
                                    options.request(source, arch, output.resolve(arch + "-user" + suffix), cores)
                                            .withEmulation(Emulation.USER);
                                case ACCEL ->
                                    options.request(source, arch, output.resolve(arch + "-accel" + suffix), cores)
                                            .withEmulation(Emulation.ACCELERATED);
                                case SYSTEM ->
                                    options.request(source, arch, output.resolve(arch + "-system" + suffix), cores)
                                            .withEmulation(Emulation.SYSTEM);
                            };
                            try {
                                results.computeIfAbsent(mode, m -> new ArrayList<>())
                                        .add(builder.build(request));
                            } catch (UserError e) {
                                errors.put(mode, e.getMessage());
                            }
                        }
                    }
                    Map<PkgReport.BenchMode, PkgReport.Outcome> outcomes = new LinkedHashMap<>();
                    for (PkgReport.BenchMode mode : chosen) {
                        outcomes.put(
                                mode, new PkgReport.Outcome(results.getOrDefault(mode, List.of()), errors.get(mode)));
                    }
                    rows.add(new PkgReport.BenchRow(source, arch, host, outcomes, PkgReport.identity(outcomes)));
                }
            }
            json.print(() -> rows.stream().map(PkgReport::json).toList(), out -> {
                Output.table(out, PkgReport.benchHeader(arch, host, chosen), PkgReport.benchRows(rows, chosen));
                rows.forEach(r -> PkgReport.benchNotes(r).forEach(out::println));
            });
            boolean emulatedOk = rows.stream()
                    .allMatch(r -> r.outcomes().entrySet().stream()
                            .filter(e -> e.getKey() != PkgReport.BenchMode.NATIVE)
                            .allMatch(e -> e.getValue().ok()));
            return emulatedOk ? 0 : Main.EXIT_FAILURE;
        }
    }
}

package io.crossroot.binfmt;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.elf.ElfFile;
import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Registers crossroot's qemu entries (one per qemu target, named like qemu's own: qemu-riscv64) and removes them
 * again. Never prints: callers show the returned records.
 */
public final class BinfmtInstaller {
    static final String CREDENTIALS_WARNING = "The C flag makes the kernel give qemu the credentials of the program it "
            + "runs: a setuid-root foreign program then runs qemu itself as root, so a bug in qemu becomes a way to "
            + "root on this host. Keep C only if you need sudo, su or ping inside foreign-architecture guests.";

    private final BinfmtKernel kernel;
    private final BinfmtConfFile confFiles;
    private final InstalledEntries installed;
    private final ReplacedEntries replacedEntries;
    private final PersistentInterpreters persistentInterpreters;
    private final Predicate<Arch> runsNatively;

    /**
     * @param replacedEntries        where other packages' entries that --force replaced are remembered
     * @param persistentInterpreters where --persist copies the interpreters its binfmt.d files name
     */
    public BinfmtInstaller(
            BinfmtKernel kernel,
            BinfmtConfFile confFiles,
            InstalledEntries installed,
            ReplacedEntries replacedEntries,
            PersistentInterpreters persistentInterpreters,
            Predicate<Arch> runsNatively) {
        this.kernel = kernel;
        this.confFiles = confFiles;
        this.installed = installed;
        this.replacedEntries = replacedEntries;
        this.persistentInterpreters = persistentInterpreters;
        this.runsNatively = runsNatively;
    }

    public static BinfmtInstaller system() {
        return new BinfmtInstaller(
                BinfmtMisc.system(),
                BinfmtConfFile.system(),
                InstalledEntries.defaults(),
                ReplacedEntries.system(),
                PersistentInterpreters.system(),
                ArchCatalog::runsNatively);
    }

    /**
     * Registers an entry for each architecture's qemu target.
     *
     * @param interpreterFor gives the static qemu-user binary for an architecture (called only for entries that
     *                       will be registered, so a caller may download lazily)
     */
    public InstallResult install(List<Arch> archs, Function<Arch, Path> interpreterFor, InstallOptions options) {
        kernel.ensureMounted();
        List<EntryOutcome> outcomes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (options.credentials()) {
            warnings.add(CREDENTIALS_WARNING);
        }
        for (List<Arch> group : byEntryName(archs).values()) {
            outcomes.add(installOne(group, interpreterFor, options, warnings));
        }
        return new InstallResult(outcomes, warnings);
    }

    /** armel and armhf map to one qemu-arm entry: group archs by entry name, keeping the caller's order. */
    private static Map<String, List<Arch>> byEntryName(List<Arch> archs) {
        Map<String, List<Arch>> groups = new LinkedHashMap<>();
        for (Arch a : archs) {
            List<Arch> g = groups.computeIfAbsent(a.binfmtName(), k -> new ArrayList<>());
            if (!g.contains(a)) {
                g.add(a);
            }
        }
        return groups;
    }

    private EntryOutcome installOne(
            List<Arch> group, Function<Arch, Path> interpreterFor, InstallOptions options, List<String> warnings) {
        String name = group.get(0).binfmtName();
        List<String> archNames = group.stream().map(Arch::debian).toList();
        Optional<Arch> native_ = group.stream().filter(runsNatively).findFirst();
        if (native_.isPresent()) {
            return new EntryOutcome(
                    name,
                    archNames,
                    InstallStatus.SKIPPED_NATIVE,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    null,
                    "This host runs " + native_.get().debian() + " programs itself; an entry would route them "
                            + "through qemu.");
        }
        Path interpreter = requireInterpreter(interpreterFor.apply(group.get(0)), name);
        dynamicInterpreterWarning(interpreter).ifPresent(warnings::add);
        if (options.persist()) {
            // the kernel and the boot-time file name the same copy, one a cache clean leaves alone
            interpreter = persistentInterpreters.install(name, interpreter);
        }
        BinfmtRegistration reg = BinfmtRegistration.forArch(group.get(0), interpreter, options.flags());

        List<BinfmtEntry> others = kernel.conflicts(reg);
        Optional<BinfmtEntry> same = kernel.find(name);
        if (!options.force()) {
            List<String> blocking =
                    new ArrayList<>(others.stream().map(BinfmtEntry::name).toList());
            if (same.isPresent() && !reg.isRegisteredAs(same.get()) && !installed.owns(same.get())) {
                blocking.add(0, name);
            }
            if (!blocking.isEmpty()) {
                return new EntryOutcome(
                        name,
                        archNames,
                        InstallStatus.CONFLICT,
                        null,
                        reg.flags(),
                        List.of(),
                        blocking,
                        null,
                        "Another binfmt_misc entry (" + String.join(", ", blocking) + ") already runs these "
                                + "programs, probably from a distribution qemu package; crossroot left it alone. Use --force "
                                + "to replace it.");
            }
        }
        InstallStatus status;
        List<String> replaced = new ArrayList<>();
        if (same.isPresent() && reg.isRegisteredAs(same.get()) && same.get().enabled()) {
            status = InstallStatus.UNCHANGED;
        } else {
            // remembered before anything is removed, so a failure to remember leaves the kernel as it was
            same.filter(e -> !installed.owns(e)).ifPresent(replacedEntries::remember);
            others.stream().filter(e -> !installed.owns(e)).forEach(replacedEntries::remember);
            if (same.isPresent()) {
                kernel.remove(name);
                replaced.add(name);
            }
            for (BinfmtEntry other : others) {
                kernel.remove(other.name());
                replaced.add(other.name());
            }
            kernel.register(reg);
            status = same.isPresent() ? InstallStatus.UPDATED : InstallStatus.REGISTERED;
        }
        installed.add(name, interpreter.toString());
        String persisted = options.persist() ? confFiles.write(reg).toString() : null;
        return new EntryOutcome(
                name,
                archNames,
                status,
                interpreter.toString(),
                reg.flags(),
                replaced,
                List.of(),
                persisted,
                describe(status, interpreter));
    }

    private static String describe(InstallStatus status, Path interpreter) {
        return switch (status) {
            case UNCHANGED -> "Already registered with " + interpreter + ".";
            case UPDATED -> "Re-registered with " + interpreter + ".";
            default -> "Registered with " + interpreter + ".";
        };
    }

    private static Path requireInterpreter(Path path, String name) {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
            throw new UserError("The qemu interpreter for binfmt_misc entry '" + name + "', " + p + ", is missing or "
                    + "not executable. Fetch qemu again (crossroot keeps it in its cache) and retry.");
        }
        return p;
    }

    private static Optional<String> dynamicInterpreterWarning(Path interpreter) {
        Optional<String> loader;
        try {
            loader = ElfFile.read(interpreter).interpreter();
        } catch (UserError e) {
            return Optional.of(interpreter + " is not an ELF program (" + e.getMessage() + "); the kernel may not "
                    + "be able to start it inside chroots and containers.");
        }
        return loader.map(l -> interpreter + " is dynamically linked (it needs " + l + "): foreign programs will "
                + "fail inside chroots and containers, where the kernel looks for that loader. Use a static qemu.");
    }

    /**
     * Removes crossroot's entries (with their binfmt.d files and persistent interpreters) and registers again the
     * entries {@code install --force} replaced. With {@code all}, also removes every other entry that handles an
     * architecture in crossroot's catalog, e.g. a distribution's qemu-user-binfmt ones, and restores none.
     */
    public UninstallResult uninstall(boolean all) {
        List<RemovedEntry> removed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (kernel.isMounted()) {
            for (BinfmtEntry e : kernel.list()) {
                boolean ours = installed.owns(e);
                if (!ours && !(all && handlesCatalogArch(e))) {
                    continue;
                }
                kernel.remove(e.name());
                String conf = ours && confFiles.delete(e.name())
                        ? confFiles.pathFor(e.name()).toString()
                        : null;
                if (ours) {
                    persistentInterpreters.delete(e.name());
                }
                installed.remove(e.name());
                removed.add(new RemovedEntry(e.name(), e.interpreter(), ours, conf));
                if (!ours) {
                    warnings.add("Removed '" + e.name() + "' (" + e.interpreter() + "), which crossroot did not "
                            + "install: the package that did will register it again at the next boot.");
                }
            }
        }
        // Boot-time files and records of entries no longer in the kernel (e.g. after a reboot without binfmt.d).
        for (String name : installed.read().keySet()) {
            String conf = confFiles.delete(name) ? confFiles.pathFor(name).toString() : null;
            persistentInterpreters.delete(name);
            installed.remove(name);
            if (conf != null) {
                removed.add(new RemovedEntry(name, null, true, conf));
            }
        }
        List<RestoredEntry> restored = new ArrayList<>();
        for (BinfmtEntry e : replacedEntries.list()) {
            if (all) {
                replacedEntries.forget(e.name());
            } else if (kernel.isMounted()) {
                restored.add(restore(e));
            }
        }
        return new UninstallResult(removed, restored, warnings);
    }

    /** Registers a replaced entry again as it was; on failure it stays remembered for the next uninstall. */
    private RestoredEntry restore(BinfmtEntry e) {
        try {
            if (kernel.find(e.name()).isEmpty()) {
                kernel.register(
                        new BinfmtRegistration(e.name(), e.offset(), e.pattern(), Path.of(e.interpreter()), e.flags()));
                if (!e.enabled()) {
                    kernel.setEnabled(e.name(), false);
                }
            }
            replacedEntries.forget(e.name());
            return new RestoredEntry(e.name(), e.interpreter(), null);
        } catch (UserError failure) {
            return new RestoredEntry(e.name(), e.interpreter(), failure.getMessage());
        }
    }

    private static boolean handlesCatalogArch(BinfmtEntry e) {
        return ArchCatalog.all().stream().anyMatch(a -> e.claims(a.binfmtPattern(), 0));
    }
}

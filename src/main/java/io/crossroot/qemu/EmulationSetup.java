package io.crossroot.qemu;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtInstaller;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.binfmt.InstallOptions;
import io.crossroot.binfmt.InstallResult;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.Dirs;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure the kernel can run each architecture's programs: registers crossroot's qemu entry for every
 * foreign architecture that no enabled binfmt_misc entry serves yet, leaving working entries alone.
 */
public final class EmulationSetup {
    private EmulationSetup() {}

    /** The architectures of {@code archs} that are foreign to this host and have no matching enabled entry. */
    public static List<Arch> unserved(List<Arch> archs) {
        BinfmtMisc kernel = BinfmtMisc.system();
        kernel.ensureMounted();
        return archs.stream()
                .filter(a -> !ArchCatalog.runsNatively(a))
                .filter(a -> kernel.match(a.binfmtPattern().magic()).isEmpty())
                .toList();
    }

    /** Registers qemu (from {@code repo}'s suite) for the unserved architectures; returns what it did. */
    public static InstallResult ensure(DebianRepository repo, List<Arch> archs, DownloadListener listener) {
        return ensure(repo, archs, listener, Optional.empty());
    }

    /** As {@link #ensure(DebianRepository, List, DownloadListener)}, with the qemu package pinned (a lockfile's). */
    public static InstallResult ensure(
            DebianRepository repo, List<Arch> archs, DownloadListener listener, Optional<Paragraph> qemuPackage) {
        List<Arch> missing = unserved(archs);
        if (missing.isEmpty()) {
            return new InstallResult(List.of(), List.of());
        }
        QemuInterpreters interpreters = new QemuInterpreters(repo, Dirs.cache(), listener);
        QemuInterpreters.Interpreters qemu =
                qemuPackage.isPresent() ? interpreters.fetch(missing, qemuPackage.get()) : interpreters.fetch(missing);
        return BinfmtInstaller.system().install(missing, qemu::pathFor, new InstallOptions(false, false, false));
    }
}

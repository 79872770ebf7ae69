package io.crossroot.cli;

import io.crossroot.debian.DebianRepository;
import io.crossroot.lock.LockedPackages;
import io.crossroot.lock.LockedSet;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.toolbox.ToolboxPackages;
import io.crossroot.util.Dirs;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the pinned host tools (mke2fs, mtools, getfattr, qemu, firmware) come from. */
final class ToolboxOptions {
    @Option(
            names = "--toolbox-suite",
            converter = Converters.Suite.class,
            defaultValue = "trixie",
            paramLabel = "SUITE",
            description = "Debian suite whose amd64 tools and firmware crossroot runs (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(
            names = "--refresh-toolbox",
            description =
                    "Resolve the toolbox against the mirror again instead of reusing the pinned one (which needs no network).")
    boolean refresh;

    @Mixin
    RepositoryOptions repository;

    /** Set by a command built with --locked: the toolbox is the lock's, not a resolved one. */
    LockedPackages locked;

    /** The toolbox's suite on the same mirror: {@code targets} itself when that is the toolbox's suite. */
    DebianRepository repositoryBeside(DebianRepository targets) {
        return suite.equals(targets.config().suite()) ? targets : repository.open(suite);
    }

    Toolbox open() {
        return install(ToolboxPackages.DEFAULT, ToolboxPackages.GUEST_FILES);
    }

    /** The toolbox that writing a container image from a tree needs (getfattr), without the emulators. */
    Toolbox openForImages() {
        return install(ToolboxPackages.IMAGE, Map.of());
    }

    private Toolbox install(List<String> packages, Map<String, List<String>> guestFiles) {
        try (DownloadProgress progress = new DownloadProgress()) {
            if (locked != null) { // the lock's whole toolbox: a superset of every smaller set asked for
                DebianRepository repo = locked.repository(LockedSet.Role.TOOLBOX);
                return new ToolboxInstaller(repo, Dirs.cache(), progress).installLocked(locked.toolbox());
            }
            return new ToolboxInstaller(() -> repository.open(suite), suite, Dirs.cache(), progress)
                    .install(packages, guestFiles, refresh);
        }
    }
}

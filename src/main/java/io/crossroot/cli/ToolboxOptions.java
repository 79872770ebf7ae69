package io.crossroot.cli;

import io.crossroot.toolbox.Toolbox;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.util.Dirs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the pinned host tools (mke2fs, mtools, qemu, firmware) come from. */
final class ToolboxOptions {
    @Option(names = "--toolbox-suite", defaultValue = "trixie", paramLabel = "SUITE",
            description = "Debian suite whose amd64 tools and firmware crossroot runs (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--refresh-toolbox",
            description = "Resolve the toolbox against the mirror again instead of reusing the pinned one (which needs no network).")
    boolean refresh;

    @Mixin
    RepositoryOptions repository;

    Toolbox open() {
        try (DownloadProgress progress = new DownloadProgress()) {
            return new ToolboxInstaller(() -> repository.open(suite), suite, Dirs.cache(), progress).install(refresh);
        }
    }
}

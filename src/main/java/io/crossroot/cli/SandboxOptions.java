package io.crossroot.cli;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.docker.SandboxChoice;
import io.crossroot.qemu.ProbeBinaries;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.util.Dirs;
import picocli.CommandLine.Option;

/** --sandbox: where commands inside a root run. */
final class SandboxOptions {
    @Option(names = "--sandbox", defaultValue = "auto", paramLabel = "KIND",
            description = "Where commands inside the root run: auto (chroot when root, else Docker), chroot or docker "
                    + "(default: ${DEFAULT-VALUE}).")
    String kind;

    /** Opens the chosen sandbox and says which on stderr; the Docker one gets the host's busybox from {@code repo}. */
    Sandbox open(DebianRepository repo, DownloadListener downloads) {
        SandboxChoice.Chosen chosen = SandboxChoice.parse(kind)
                .open(() -> new ProbeBinaries(repo, Dirs.cache(), downloads).busybox(ArchCatalog.host()));
        System.err.println("sandbox: " + chosen.description());
        return chosen.sandbox();
    }
}

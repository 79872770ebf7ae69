package io.crossroot.cli;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.EntryOutcome;
import io.crossroot.binfmt.InstallResult;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.lock.LockedPackages;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.qemu.ProbeBinaries;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.sandbox.SandboxChoice;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.toolbox.ToolboxPackages;
import io.crossroot.util.Dirs;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** --sandbox: where commands inside a root run. */
final class SandboxOptions {
    @Option(
            names = "--sandbox",
            defaultValue = "auto",
            paramLabel = "KIND",
            description = "Where commands inside the root run: auto (chroot when root, else Docker), chroot or docker "
                    + "(default: ${DEFAULT-VALUE}).")
    String kind;

    /**
     * Makes sure the kernel runs {@code archs}' programs (registering crossroot's qemu where no entry serves them,
     * as 'crossroot binfmt install' would), then opens the sandbox.
     */
    Sandbox openFor(List<String> archs, DebianRepository repo, DownloadListener downloads, PrintWriter messages) {
        return openFor(archs, repo, downloads, messages, Optional.empty());
    }

    /** As {@link #openFor(List, DebianRepository, DownloadListener, PrintWriter)}, qemu from the lock when locked. */
    Sandbox openFor(
            List<String> archs,
            DebianRepository repo,
            DownloadListener downloads,
            PrintWriter messages,
            Optional<LockedPackages> locked) {
        InstallResult registered = EmulationSetup.ensure(
                repo,
                archs.stream().map(ArchCatalog::require).toList(),
                downloads,
                locked.map(l -> l.qemu().paragraph()));
        for (EntryOutcome e : registered.entries()) {
            messages.println("emulation: " + e.name() + " " + e.status().label() + " for " + String.join(",", e.archs())
                    + " (" + e.interpreter() + ")");
        }
        return open(repo, downloads, messages);
    }

    /** Opens the chosen sandbox and says which on {@code messages}; the Docker one gets the host's busybox from {@code repo}. */
    Sandbox open(DebianRepository repo, DownloadListener downloads, PrintWriter messages) {
        SandboxChoice.Chosen chosen = SandboxChoice.parse(kind)
                .open(
                        () -> new ProbeBinaries(repo, Dirs.cache(), downloads).busybox(ArchCatalog.host()),
                        () -> new ToolboxInstaller(repo, Dirs.cache(), downloads)
                                .install(ToolboxPackages.IMAGE, Map.of(), false));
        messages.println("sandbox: " + chosen.description());
        return chosen.sandbox();
    }
}

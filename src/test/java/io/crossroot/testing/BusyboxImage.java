package io.crossroot.testing;

import io.crossroot.arch.Arch;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.qemu.ProbeBinaries;
import io.crossroot.util.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The tiniest real root filesystem of an architecture: Debian's static busybox (no libc needed) with applet
 * links, from the host's mirror, plus crossroot's binfmt entry for it, as 'crossroot binfmt install' makes.
 */
public final class BusyboxImage {
    private static final List<String> APPLETS = List.of("sh", "uname", "cat", "ls", "id", "true", "false", "sleep");

    private BusyboxImage() {}

    public static DebianRepository repository() {
        return DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite("trixie")
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .build());
    }

    public static Path rootfs(DebianRepository repo, Arch arch, Path root) throws IOException {
        Path busybox = new ProbeBinaries(repo, Dirs.cache(), DownloadListener.NONE).busybox(arch);
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("etc"));
        Files.copy(busybox, root.resolve("bin/busybox"));
        Files.setPosixFilePermissions(root.resolve("bin/busybox"), PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String a : APPLETS) {
            Files.createSymbolicLink(root.resolve("bin/" + a), Path.of("busybox"));
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/:/bin/sh\n");
        return root;
    }

    /** Registers crossroot's interpreters for the foreign ones of {@code archs} that have no entry yet. */
    public static void ensureBinfmt(DebianRepository repo, List<Arch> archs) {
        EmulationSetup.ensure(repo, archs, DownloadListener.NONE);
    }
}

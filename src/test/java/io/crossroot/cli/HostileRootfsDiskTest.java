package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.toolbox.TestToolbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'disk build' on root filesystems whose symlinks and layouts name host files: what a chroot of the rootfs would
 * see is used (or the build fails with a clear error), never the host file a link points to, which the test
 * keeps as a sentinel outside the rootfs.
 */
@Tag("mirror")
class HostileRootfsDiskTest {
    private static final String HASH = "$6$salt$hash";

    @TempDir
    Path tmp;

    Path rootfs;
    Path host; // stands for the host's files: outside the rootfs, what its links point at
    Path sentinel;

    @BeforeEach
    void setUp() throws IOException {
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/hostname"), "old\n");
        host = Files.createDirectory(tmp.resolve("host"));
        sentinel = Files.writeString(host.resolve("shadow"), "root:HOST-SECRET:19000:0:99999:7:::\n");
        TestToolbox.get(); // the CLI opens the same cached toolbox
    }

    private CliRun diskBuild(String layout, String... extra) throws IOException {
        Path layoutFile = Files.writeString(tmp.resolve("layout.yaml"), layout);
        String[] base = {
            "disk",
            "build",
            "--rootfs",
            rootfs.toString(),
            "--layout",
            layoutFile.toString(),
            "-o",
            tmp.resolve("disk.img").toString()
        };
        String[] args = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
        return CliRun.of(args);
    }

    private void assertFailedCleanly(CliRun r, String... message) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains(message).doesNotContain("\tat ", "Exception");
        assertThat(tmp.resolve("disk.img")).doesNotExist();
        assertHostUntouched();
    }

    private void assertHostUntouched() throws IOException {
        try (Stream<Path> s = Files.list(host)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).isSubsetOf("shadow", "efi-secret");
        }
        assertThat(sentinel).hasContent("root:HOST-SECRET:19000:0:99999:7:::");
    }

    private static final String ROOT_ONLY = """
            table: gpt
            partitions:
              - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 8M}
            """;

    @Test
    void shadowSymlinkedToTheHostsIsNotReadIntoTheImage() throws IOException {
        Files.createSymbolicLink(rootfs.resolve("etc/shadow"), sentinel);
        CliRun r = diskBuild(ROOT_ONLY, "--root-password-hash", HASH);
        assertFailedCleanly(r, "has no /etc/shadow");
        assertThat(r.err()).doesNotContain("HOST-SECRET");
    }

    @Test
    void espDirectorySymlinkedToAHostDirectoryStaysEmpty() throws Exception {
        Files.writeString(host.resolve("efi-secret"), "host directory content\n");
        Files.createDirectories(rootfs.resolve("boot"));
        Files.createSymbolicLink(rootfs.resolve("boot/efi"), host);
        CliRun r = diskBuild("""
                table: gpt
                partitions:
                  - {name: efi, type: esp, size: 32M, filesystem: vfat, mountpoint: /boot/efi}
                  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 8M}
                """);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String esp = tmp.resolve("disk.img") + "@@" + (2048 * 512);
        String listing = TestToolbox.get().run("mdir", "-i", esp, "-/", "::/");
        assertThat(listing).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("shadow");
        assertHostUntouched();
    }

    @Test
    void fatContentWithASymlinkIsRefused() throws IOException {
        Files.createDirectories(rootfs.resolve("boot/efi/EFI"));
        Files.createSymbolicLink(rootfs.resolve("boot/efi/EFI/grub.cfg"), sentinel);
        CliRun r = diskBuild("""
                table: gpt
                partitions:
                  - {name: efi, type: esp, size: 32M, filesystem: vfat, mountpoint: /boot/efi}
                  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 8M}
                """);
        assertFailedCleanly(r, "FAT filesystem, which cannot hold symlinks", "grub.cfg");
    }

    @Test
    void layoutFilesAndImagesNeverNameHostFiles() throws IOException {
        Files.createDirectories(rootfs.resolve("boot"));
        Files.createSymbolicLink(rootfs.resolve("etc/evil"), sentinel);
        String up = "../../../../../../.." + host;
        for (String file : new String[] {up + "/shadow", "/etc/evil", "/" + up + "/shadow"}) {
            CliRun r = diskBuild("""
                    table: gpt
                    partitions:
                      - {name: efi, type: esp, size: 32M, filesystem: vfat, mountpoint: /boot/efi, files: ["%s"]}
                      - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 8M}
                    """.formatted(file));
            assertFailedCleanly(r, "lists the file " + file + ", which does not exist");
        }
        CliRun raw = diskBuild("""
                table: gpt
                partitions:
                  - {name: blob, type: linux, filesystem: none, image: "%s/shadow"}
                  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 8M}
                """.formatted(up));
        assertFailedCleanly(raw, up + "/shadow", "not a regular file");
    }

    @Test
    void kernelSymlinkedToAHostFileIsNotCopiedOut() throws IOException {
        Files.createDirectories(rootfs.resolve("usr/bin"));
        Files.copy(Path.of("/usr/bin/dash"), rootfs.resolve("usr/bin/dash"));
        Files.createDirectories(rootfs.resolve("boot"));
        Files.createSymbolicLink(rootfs.resolve("boot/vmlinuz-6.1.0-1-amd64"), sentinel);
        Files.createSymbolicLink(rootfs.resolve("boot/initrd.img-6.1.0-1-amd64"), sentinel);
        Files.createSymbolicLink(rootfs.resolve("etc/shadow"), Path.of("../etc/hostname"));
        CliRun r = diskBuild(ROOT_ONLY, "--profile", "direct-kernel");
        assertFailedCleanly(r, "has no kernel in /boot");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("vmlinuz") || n.contains("initrd"));
        }
    }
}

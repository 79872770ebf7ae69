package io.crossroot.disk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** A tiny root filesystem tree: enough files, links and directories to exercise both filesystems. */
final class TestRootfs {
    private TestRootfs() {}

    static Path create(Path dir) throws IOException {
        Path r = Files.createDirectories(dir.resolve("rootfs"));
        Files.createDirectories(r.resolve("etc"));
        Files.writeString(r.resolve("etc/hostname"), "old\n");
        Files.writeString(r.resolve("etc/os-release"), "ID=test\n");
        Files.createDirectories(r.resolve("usr/bin"));
        Files.write(r.resolve("usr/bin/big"), new byte[3 << 20]);
        Files.createSymbolicLink(r.resolve("bin"), Path.of("usr/bin"));
        Files.createLink(r.resolve("usr/bin/big-link"), r.resolve("usr/bin/big"));
        Files.createDirectories(r.resolve("boot/efi/EFI/BOOT"));
        Files.writeString(r.resolve("boot/efi/EFI/BOOT/BOOTX64.EFI"), "not really an EFI binary\n");
        Files.writeString(r.resolve("boot/vmlinuz"), "kernel\n");
        Files.createDirectories(r.resolve("tmp"));
        Files.setAttribute(r.resolve("tmp"), "unix:mode", 01777);
        try (var s = Files.walk(r)) {
            for (Path p : s.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(1_600_000_000)));
                }
            }
        }
        return r;
    }

    static final String LAYOUT = """
            table: gpt
            partitions:
              - name: efi
                type: esp
                size: 32M
                filesystem: vfat
                label: EFI
                mountpoint: /boot/efi
              - name: root
                type: root-riscv64
                filesystem: ext4
                mountpoint: /
                headroom: 16M
            """;
}

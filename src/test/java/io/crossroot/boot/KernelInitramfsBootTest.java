package io.crossroot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.deb.DebUnpacker;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.toolbox.TestToolbox;
import io.crossroot.toolbox.Toolbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one real boot of the default suite (29 s on the loaded dev host, the boot itself 5-12 s; no emulated rootfs
 * build): Debian trixie's riscv64 kernel, unpacked natively from the mirror, boots under OpenSBI in the toolbox's
 * qemu-system-riscv64 with a tiny initramfs whose /init (busybox-static) prints the machine name from userspace.
 * The full image-to-login boots are {@link RealBootTest}.
 */
@Tag("boot")
class KernelInitramfsBootTest {
    private static final String MARK = "crossroot-initramfs: userspace up on";

    @Test
    void debianKernelRunsInitFromInitramfs(@TempDir Path dir) throws Exception {
        DebianRepository repo = TestToolbox.repository("trixie");
        PackageIndex index = PackageIndex.fromParagraphs(repo.packages("main", "riscv64"), "riscv64", "trixie/main");
        // linux-image-riscv64 is a metapackage: its first dependency is the versioned kernel package
        String kernelPackage = index.newest("linux-image-riscv64")
                .orElseThrow()
                .depends()
                .get(0)
                .alternatives()
                .get(0)
                .name();
        Path kernel = unpackOne(
                repo, index, kernelPackage, dir.resolve("k"), "boot/vmlinux-.*"); // riscv64 ships it uncompressed
        Path busybox = unpackOne(repo, index, "busybox-static", dir.resolve("b"), "(usr/)?bin/busybox");
        Files.write(
                dir.resolve("initrd"),
                new NewcArchive()
                        .directory("bin")
                        .directory("dev")
                        .directory("proc")
                        .charDevice("dev/console", 5, 1)
                        .file("bin/busybox", 0755, Files.readAllBytes(busybox))
                        .symlink("bin/sh", "busybox")
                        .file(
                                "init",
                                0755,
                                ("#!/bin/sh\necho \"" + MARK
                                                + " $(/bin/busybox uname -m)\"\n/bin/busybox poweroff -f\n")
                                        .getBytes(StandardCharsets.UTF_8))
                        .finish());
        Files.copy(kernel, dir.resolve("vmlinux"));
        Files.write(dir.resolve("disk.img"), new byte[1 << 20]);
        Toolbox tb = TestToolbox.get();
        BootSpec spec = new BootSpec(
                "riscv64",
                "direct-kernel",
                "disk.img",
                "raw",
                "vmlinux",
                "initrd",
                "console=ttyS0 panic=-1",
                "usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin",
                null,
                512);
        long start = System.nanoTime();
        BootOutcome outcome = new BootRunner(tb)
                .boot(
                        dir.resolve("disk.img"),
                        spec,
                        Pattern.compile(Pattern.quote(MARK) + " riscv64"),
                        Duration.ofSeconds(240),
                        System.err);
        System.err.printf("%nkernel+initramfs boot: %d s%n", (System.nanoTime() - start) / 1_000_000_000);
        assertThat(outcome.success())
                .as(outcome.reason() + "\n" + String.join("\n", outcome.lastLines()))
                .isTrue();
    }

    /** Unpacks the newest {@code name} and returns the file whose path in it matches {@code path}. */
    static Path unpackOne(DebianRepository repo, PackageIndex index, String name, Path into, String path)
            throws Exception {
        BinaryPackage p = index.newest(name).orElseThrow();
        new DebUnpacker(Files.createDirectories(into))
                .unpack(DebFile.of(repo.fetch(HashedFile.ofPackage(p.paragraph()), DownloadListener.NONE)));
        try (Stream<Path> s = Files.walk(into)) {
            return s.filter(f -> Files.isRegularFile(f)
                            && into.relativize(f).toString().matches(path))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no file " + path));
        }
    }
}

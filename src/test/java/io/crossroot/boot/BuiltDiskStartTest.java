package io.crossroot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.cli.Main;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.disk.DiskPlan;
import io.crossroot.disk.LayoutFile;
import io.crossroot.toolbox.TestToolbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What 'crossroot build' leaves for its user: disk.img and disk.qcow2 both boot with 'crossroot boot'. The system is Debian trixie's riscv64 kernel with a tiny initramfs whose /init
 * (busybox-static) prints a mark from userspace and powers off, as in {@link KernelInitramfsBootTest}: the disk's
 * root filesystem holds that kernel and initrd, built with the direct-kernel profile as 'crossroot build' does.
 */
@Tag("boot")
@Tag("mirror")
class BuiltDiskStartTest {
    private static final String MARK = "crossroot-disk: userspace up on";
    private static final String EXPECT = MARK + " riscv64";
    private static final String LAYOUT = """
            table: gpt
            partitions:
              - {name: root, type: root-riscv64, filesystem: ext4, mountpoint: /, headroom: 8M}
            """;

    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void buildDisks() throws Exception {
        DebianRepository repo = TestToolbox.repository("trixie");
        PackageIndex index = PackageIndex.fromParagraphs(repo.packages("main", "riscv64"), "riscv64", "trixie/main");
        String kernelPackage = index.newest("linux-image-riscv64").orElseThrow().depends().get(0).alternatives().get(0).name();
        Path kernel = KernelInitramfsBootTest.unpackOne(repo, index, kernelPackage, tmp.resolve("k"), "boot/vmlinux-.*");
        Path busybox = KernelInitramfsBootTest.unpackOne(repo, index, "busybox-static", tmp.resolve("b"), "(usr/)?bin/busybox");
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(rootfs.resolve("usr/bin"));
        Files.copy(busybox, rootfs.resolve("usr/bin/dash")); // tells the profile the root's architecture
        Files.createDirectories(rootfs.resolve("boot"));
        String version = kernel.getFileName().toString().substring("vmlinux-".length());
        Files.copy(kernel, rootfs.resolve("boot/vmlinux-" + version));
        Files.write(rootfs.resolve("boot/initrd.img-" + version), new NewcArchive().directory("bin").directory("dev")
                .charDevice("dev/console", 5, 1)
                .file("bin/busybox", 0755, Files.readAllBytes(busybox)).symlink("bin/sh", "busybox")
                .file("init", 0755, ("#!/bin/sh\necho \"" + MARK + " $(/bin/busybox uname -m)\"\n/bin/busybox poweroff -f\n")
                        .getBytes(StandardCharsets.UTF_8))
                .finish());
        out = Files.createDirectories(tmp.resolve("out"));
        DiskPlan plan = DiskPlan.of(LayoutFile.parseYaml(LAYOUT, "layout"), 1_700_000_000L);
        new BootableDiskBuilder(TestToolbox.get()).build(plan, BootProfile.DIRECT_KERNEL, rootfs, null,
                rootfs.resolve("boot"), out.resolve("disk.img"), true);
    }

    @Test
    void bothDisksOfABuildBootWithCrossrootBoot() throws Exception {
        assertThat(BootSpec.read(out.resolve("disk.img")).format()).isEqualTo("raw");
        assertThat(BootSpec.read(out.resolve("disk.qcow2")).format()).isEqualTo("qcow2");
        for (String disk : List.of("disk.img", "disk.qcow2")) {
            StringWriter err = new StringWriter();
            int code = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "boot",
                    out.resolve(disk).toString(), "--expect", EXPECT, "--timeout", "240");
            assertThat(code).as(disk + ":\n" + err).isZero();
            assertThat(err.toString()).contains("booted: '" + EXPECT + "' appeared");
        }
    }
}

package io.crossroot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.disk.DiskLayoutFile;
import io.crossroot.disk.DiskPlan;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.rootfs.RootfsRequest;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.toolbox.TestToolbox;
import io.crossroot.toolbox.Toolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Boots real Debian trixie riscv64 and arm64 systems to their login prompt, with each board profile. The rootfs
 * comes from $CROSSROOT_BOOT_ROOTFS_RISCV64 / $CROSSROOT_BOOT_ROOTFS_ARM64, or is built once with RootfsBuilder
 * into java.io.tmpdir (minbase + kernel + systemd-sysv + udev + initramfs-tools: 10-20 min each under emulation).
 * Boot to login measured on the 2-core dev host (both arm64 boots at once, qcow2): arm64 direct-kernel 155 s,
 * arm64 qemu-virt-arm64 (UEFI + GRUB) 144 s.
 */
@Tag("boot")
@EnabledIf("enabled")
class RealBootTest {
    /** Minutes to an hour of work: runs only when asked (-Dcrossroot.boot=true) or given a rootfs. */
    static boolean enabled() {
        return Boolean.getBoolean("crossroot.boot")
                || System.getenv("CROSSROOT_BOOT_ROOTFS_RISCV64") != null
                || System.getenv("CROSSROOT_BOOT_ROOTFS_ARM64") != null;
    }

    private static final String LAYOUT = """
            table: gpt
            partitions:
              - {name: efi, type: esp, size: 32M, filesystem: vfat, mountpoint: /boot/efi}
              - {name: root, type: root-%s, filesystem: ext4, mountpoint: /, headroom: 256M, bootable: true}
            """;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"riscv64, direct-kernel", "riscv64, qemu-virt-riscv64", "arm64, direct-kernel", "arm64, qemu-virt-arm64"
    })
    void bootsToLoginPrompt(String arch, String profileName) throws Exception {
        Path rootfs = rootfs(arch);
        Toolbox tb = TestToolbox.get();
        Path dir = Files.createDirectories(
                Path.of(System.getProperty("java.io.tmpdir"), "crossroot-boot-test", arch + "-" + profileName));
        DiskPlan plan = DiskPlan.of(DiskLayoutFile.parseYaml(LAYOUT.formatted(arch), "layout"), 1_700_000_000L);
        BootableDiskBuilder.Result built = new BootableDiskBuilder(tb)
                .build(
                        plan,
                        BootProfile.parse(profileName),
                        rootfs,
                        new SystemSettings("crossroot", ""),
                        rootfs.resolve("boot"),
                        dir.resolve(arch + ".img"),
                        false);
        assertThat(dir.resolve("start_vm.sh")).isExecutable();
        BootOutcome outcome = new BootRunner(tb)
                .boot(built.bootImage(), built.boot(), BootRunner.DEFAULT_EXPECT, Duration.ofSeconds(600), System.err);
        System.err.printf("%n%s %s: %s%n", arch, profileName, outcome.reason());
        assertThat(outcome.success())
                .as(outcome.reason() + "\n" + String.join("\n", outcome.lastLines()))
                .isTrue();
    }

    private static synchronized Path rootfs(String arch) {
        String given = System.getenv("CROSSROOT_BOOT_ROOTFS_" + arch.toUpperCase(java.util.Locale.ROOT));
        if (given != null) {
            return Path.of(given);
        }
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "crossroot-boot-test", "rootfs-" + arch);
        if (!Files.isDirectory(out.resolve("boot"))) {
            new RootfsBuilder(
                            TestToolbox.repository("trixie"),
                            new ChrootSandbox(),
                            DownloadListener.NONE,
                            RootfsProgress.NONE)
                    .build(new RootfsRequest(
                            arch,
                            Variant.MINBASE,
                            List.of("linux-image-" + arch, "systemd-sysv", "udev", "initramfs-tools"),
                            out));
        }
        return out;
    }
}

package io.crossroot.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.disk.DiskImage;
import io.crossroot.disk.DiskPlan;
import io.crossroot.disk.GeneratedFile;
import io.crossroot.disk.ImageBuilder;
import io.crossroot.disk.LayoutFile;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.rootfs.RootfsRequest;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.toolbox.TestToolbox;
import io.crossroot.toolbox.Toolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Boots a real Debian trixie riscv64 system to its login prompt. The rootfs comes from $CROSSROOT_BOOT_ROOTFS, or
 * is built once with RootfsBuilder into target (minbase + kernel + systemd-sysv + udev + initramfs-tools).
 */
@Tag("boot")
@EnabledIf("enabled")
class RealBootTest {
    /** Minutes of work: runs only when asked (-Dcrossroot.boot=true) or given a rootfs. */
    static boolean enabled() {
        return Boolean.getBoolean("crossroot.boot") || System.getenv("CROSSROOT_BOOT_ROOTFS") != null;
    }

    private static final String LAYOUT = """
            table: gpt
            partitions:
              - {name: efi, type: esp, size: 32M, filesystem: vfat, mountpoint: /boot/efi}
              - {name: root, type: root-riscv64, filesystem: ext4, mountpoint: /, headroom: 256M, bootable: true}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"direct-kernel", "qemu-virt-riscv64"})
    void bootsToLoginPrompt(String profileName) throws Exception {
        Path rootfs = rootfs();
        Toolbox tb = TestToolbox.get();
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "crossroot-boot-test", profileName));
        Path image = dir.resolve("riscv64.img");
        BootProfile profile = BootProfile.parse(profileName);
        DiskPlan plan = DiskPlan.of(LayoutFile.parseYaml(LAYOUT, "layout"), 1_700_000_000L);
        BootSetup setup = new BootSetup(profile, rootfs, plan);
        List<GeneratedFile> files = new ArrayList<>(SystemFiles.of(plan, rootfs, new SystemSettings("crossroot", "")));
        files.addAll(setup.files());
        DiskImage built = new ImageBuilder(tb).build(plan, rootfs, rootfs.resolve("boot"), files, image);
        BootSpec spec = setup.finish(tb, built, image, "raw");
        assertThat(dir.resolve("start_vm.sh")).isExecutable();
        BootOutcome outcome = new BootRunner(tb).boot(image, spec, BootRunner.DEFAULT_EXPECT, Duration.ofSeconds(400), System.err);
        assertThat(outcome.success()).as(outcome.reason() + "\n" + String.join("\n", outcome.lastLines())).isTrue();
    }

    private static synchronized Path rootfs() {
        String given = System.getenv("CROSSROOT_BOOT_ROOTFS");
        if (given != null) {
            return Path.of(given);
        }
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "crossroot-boot-test", "rootfs-riscv64");
        if (!Files.isDirectory(out.resolve("boot"))) {
            new RootfsBuilder(TestToolbox.repository("trixie"), new ChrootSandbox(), DownloadListener.NONE, RootfsProgress.NONE)
                    .build(new RootfsRequest("riscv64", Variant.MINBASE,
                            List.of("linux-image-riscv64", "systemd-sysv", "udev", "initramfs-tools"), out));
        }
        return out;
    }
}

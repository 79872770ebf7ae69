package io.crossroot.boot;

import io.crossroot.arch.Arch;
import io.crossroot.disk.DiskImage;
import io.crossroot.disk.DiskPlan;
import io.crossroot.disk.GeneratedFile;
import io.crossroot.disk.PartitionIdentity;
import io.crossroot.elf.ElfFile;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A boot profile applied to one image: the files it adds to the filesystems before they are built, and after
 * the build the boot description (IMAGE.boot.json), the kernel and initrd for direct boot, and start_vm.sh.
 */
public final class BootSetup {
    static final String OPENSBI_DYNAMIC = "usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin";
    static final String UBOOT_RISCV64 = "usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin";
    static final String EDK2_ARM64 = "usr/share/qemu-efi-aarch64/QEMU_EFI.fd";
    private static final int MEMORY_MIB = 2048;

    private final BootProfile profile;
    private final Path rootfs;
    private final DiskPlan plan;
    private final String arch;
    private final KernelFiles kernel;

    public BootSetup(BootProfile profile, Path rootfs, DiskPlan plan) {
        this.profile = profile;
        this.rootfs = rootfs;
        this.plan = plan;
        this.arch = profile == BootProfile.NONE ? null : archOf(rootfs);
        if (profile.arch() != null && !profile.arch().equals(arch)) {
            throw new UserError("The " + profile.id() + " profile needs a " + profile.arch() + " root filesystem; "
                    + rootfs + " is " + arch + ".");
        }
        if (profile == BootProfile.QEMU_VIRT_ARM64
                && plan.mountedAt(GrubEfiArm64.ESP_MOUNT).isEmpty()) {
            throw new UserError("The qemu-virt-arm64 profile needs an ESP (type esp, vfat) mounted at "
                    + GrubEfiArm64.ESP_MOUNT + " in the layout: UEFI starts GRUB from it.");
        }
        this.kernel = profile == BootProfile.NONE ? null : KernelFiles.find(rootfs, profile.id());
        if (profile != BootProfile.NONE && plan.mountedAt("/").isEmpty()) {
            throw new UserError("The " + profile.id() + " profile needs a partition mounted at / in the layout.");
        }
    }

    /** Files added to the image's filesystems (on top of fstab, hostname and password). */
    public List<GeneratedFile> files(Toolbox toolbox) {
        if (profile == BootProfile.QEMU_VIRT_ARM64) {
            return GrubEfiArm64.files(
                    toolbox, kernel, plan.mountedAt("/").orElseThrow().fsUuidText(), commandLine());
        }
        if (profile != BootProfile.QEMU_VIRT_RISCV64) {
            return List.of();
        }
        String conf = "# U-Boot distro boot (crossroot)\ndefault debian\ntimeout 1\n\nlabel debian\n"
                + "    menu label Debian " + kernel.version() + "\n"
                + "    linux /boot/" + kernel.kernel().getFileName() + "\n"
                + "    initrd /boot/" + kernel.initrd().getFileName() + "\n"
                + "    append " + commandLine() + "\n";
        return List.of(GeneratedFile.text("/boot/extlinux/extlinux.conf", conf));
    }

    /** Writes IMAGE.boot.json, the direct-boot kernel and initrd, and start_vm.sh next to the image. */
    public BootSpec finish(Toolbox toolbox, DiskImage image, Path bootImage, String format) throws IOException {
        if (profile == BootProfile.NONE) {
            return null;
        }
        Path dir = bootImage.toAbsolutePath().getParent();
        String base = bootImage.getFileName().toString();
        BootSpec spec;
        if (profile == BootProfile.DIRECT_KERNEL) {
            String k = base + ".vmlinuz";
            String i = base + ".initrd";
            copyOut(kernel.kernel(), dir.resolve(k));
            copyOut(kernel.initrd(), dir.resolve(i));
            spec = new BootSpec(
                    arch,
                    profile.id(),
                    base,
                    format,
                    k,
                    i,
                    commandLine(),
                    arch.equals("riscv64") ? requireFirmware(toolbox, OPENSBI_DYNAMIC, "opensbi") : null,
                    null,
                    MEMORY_MIB);
        } else if (profile == BootProfile.QEMU_VIRT_ARM64) {
            spec = new BootSpec(
                    arch,
                    profile.id(),
                    base,
                    format,
                    null,
                    null,
                    null,
                    requireFirmware(toolbox, EDK2_ARM64, "qemu-efi-aarch64"),
                    null,
                    MEMORY_MIB);
        } else {
            spec = new BootSpec(
                    arch,
                    profile.id(),
                    base,
                    format,
                    null,
                    null,
                    null,
                    requireFirmware(toolbox, OPENSBI_DYNAMIC, "opensbi"),
                    requireFirmware(toolbox, UBOOT_RISCV64, "u-boot-qemu"),
                    MEMORY_MIB);
        }
        spec.write(bootImage);
        StartScript.write(spec, dir);
        return spec;
    }

    /** Copies a file of the rootfs out, never through a symlink swapped in since it was found. */
    private static void copyOut(Path inRootfs, Path to) throws IOException {
        try (InputStream in = ConfinedRoot.openRegular(inRootfs)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String commandLine() {
        PartitionIdentity root = plan.mountedAt("/").orElseThrow();
        String console = "arm64".equals(arch) ? "ttyAMA0" : "ttyS0";
        return "root=UUID=" + root.fsUuidText() + " rw console=" + console;
    }

    private static String requireFirmware(Toolbox toolbox, String path, String pkg) {
        if (toolbox.find(path).isEmpty()) {
            throw new UserError("The firmware " + path + " (Debian package " + pkg + ") is missing from the toolbox at "
                    + toolbox.root() + ". Delete that directory so crossroot unpacks the toolbox again.");
        }
        return path;
    }

    static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./=:,+@-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** The rootfs's architecture, from its shell's ELF header. */
    static String archOf(Path rootfs) {
        for (String candidate : List.of("usr/bin/dash", "bin/dash", "usr/bin/bash", "usr/bin/sh")) {
            Path p = ConfinedRoot.resolve(rootfs, candidate).orElse(null);
            if (p != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return ElfFile.read(p)
                        .arch()
                        .map(Arch::debian)
                        .orElseThrow(() -> new UserError("Cannot tell the architecture of " + p + "."));
            }
        }
        throw new UserError(rootfs + " does not look like a root filesystem (no /usr/bin/dash or /usr/bin/bash).");
    }
}

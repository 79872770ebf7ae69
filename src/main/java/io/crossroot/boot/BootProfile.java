package io.crossroot.boot;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a board boots the image, and so which bootloader files crossroot generates and which firmware QEMU loads. */
public enum BootProfile {
    /** QEMU loads the rootfs's kernel and initrd itself (-kernel/-initrd/-append): no bootloader in the image. */
    DIRECT_KERNEL("direct-kernel", null),
    /** riscv64 virt board: OpenSBI + U-Boot (S-mode) reading /boot/extlinux/extlinux.conf. */
    QEMU_VIRT_RISCV64("qemu-virt-riscv64", "riscv64"),
    /** arm64 virt board: UEFI (edk2 QEMU_EFI.fd) starting GRUB from the ESP, which loads the rootfs's kernel. */
    QEMU_VIRT_ARM64("qemu-virt-arm64", "arm64"),
    /** The image only; no boot configuration. */
    NONE("none", null);

    private final String id;
    private final String arch;

    BootProfile(String id, String arch) {
        this.id = id;
        this.arch = arch;
    }

    public String id() {
        return id;
    }

    /** The only architecture the profile's board boots, or null for any. */
    public String arch() {
        return arch;
    }

    public static BootProfile parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.id.equals(t))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown boot profile '" + text + "' (use "
                        + Arrays.stream(values()).map(BootProfile::id).collect(Collectors.joining(", ")) + ")"));
    }
}

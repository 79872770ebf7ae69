package io.crossroot.toolbox;

import java.util.List;
import java.util.Map;

/** The Debian packages (amd64) whose programs and firmware crossroot runs on the host to assemble and boot images. */
public final class ToolboxPackages {
    /** Filesystems, partition checks, image conversion, system emulators and their firmware. */
    public static final List<String> DEFAULT = List.of(
            "e2fsprogs", "dosfstools", "mtools", "fdisk", "gdisk", "qemu-utils",
            "qemu-system-misc", "qemu-system-arm", "opensbi", "u-boot-qemu", "qemu-efi-aarch64");

    /**
     * Guest-architecture packages unpacked alone (no dependencies, nothing of them runs on the host): the arm64
     * GRUB EFI image (Debian's monolithic build; signed, which is harmless without Secure Boot) that the
     * qemu-virt-arm64 profile puts on the ESP.
     */
    public static final Map<String, List<String>> GUEST_FILES = Map.of("arm64", List.of("grub-efi-arm64-signed"));

    private ToolboxPackages() {}
}

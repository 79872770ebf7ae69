package io.crossroot.toolbox;

import java.util.List;
import java.util.Map;

/**
 * The Debian packages (amd64) whose programs and firmware crossroot runs on the host to assemble and boot images:
 * everything it runs on the host beyond a minbase Debian's own programs (util.HostProgram).
 */
public final class ToolboxPackages {
    /** Filesystems, partition checks, image conversion, extended attributes, system emulators and their firmware. */
    public static final List<String> DEFAULT = List.of(
            "e2fsprogs",
            "dosfstools",
            "mtools",
            "fdisk",
            "gdisk",
            "qemu-utils",
            "attr",
            "qemu-system-misc",
            "qemu-system-arm",
            "opensbi",
            "u-boot-qemu",
            "qemu-efi-aarch64");

    /** What writing a container image from a tree runs (getfattr), without the emulators a disk's boot needs. */
    public static final List<String> IMAGE = List.of("attr");

    /** The package of each program crossroot runs from the toolbox, for the message when one is missing. */
    public static final Map<String, String> PROGRAMS = Map.of(
            "mke2fs",
            "e2fsprogs",
            "mkfs.vfat",
            "dosfstools",
            "mcopy",
            "mtools",
            "qemu-img",
            "qemu-utils",
            "getfattr",
            "attr",
            "qemu-system-riscv64",
            "qemu-system-misc",
            "qemu-system-aarch64",
            "qemu-system-arm");

    /**
     * Guest-architecture packages unpacked alone (no dependencies, nothing of them runs on the host): the arm64
     * GRUB EFI image (Debian's monolithic build; signed, which is harmless without Secure Boot) that the
     * qemu-virt-arm64 profile puts on the ESP.
     */
    public static final Map<String, List<String>> GUEST_FILES = Map.of("arm64", List.of("grub-efi-arm64-signed"));

    private ToolboxPackages() {}
}

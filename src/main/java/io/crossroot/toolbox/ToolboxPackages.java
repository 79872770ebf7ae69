package io.crossroot.toolbox;

import java.util.List;

/** The Debian packages (amd64) whose programs and firmware crossroot runs on the host to assemble and boot images. */
public final class ToolboxPackages {
    /** Filesystems, partition checks, image conversion, system emulators and their firmware. */
    public static final List<String> DEFAULT = List.of(
            "e2fsprogs", "dosfstools", "mtools", "fdisk", "gdisk", "qemu-utils",
            "qemu-system-misc", "qemu-system-arm", "opensbi", "u-boot-qemu", "qemu-efi-aarch64");

    private ToolboxPackages() {}
}

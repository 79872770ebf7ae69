package io.crossroot.boot;

import io.crossroot.disk.GeneratedFile;
import io.crossroot.toolbox.Toolbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The qemu-virt-arm64 profile's ESP: Debian's prebuilt monolithic GRUB EFI image (grub-efi-arm64-signed, from the
 * toolbox) at the removable-media path UEFI firmware boots without NVRAM entries, and the grub.cfg it reads.
 */
final class GrubEfiArm64 {
    static final String ESP_MOUNT = "/boot/efi";
    private static final String GRUB_IMAGE = "usr/lib/grub/arm64-efi-signed/grubaa64.efi.signed";

    private GrubEfiArm64() {}

    static List<GeneratedFile> files(Toolbox toolbox, KernelFiles kernel, String rootUuid, String commandLine) {
        byte[] grub;
        try {
            grub = Files.readAllBytes(toolbox.file(GRUB_IMAGE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String cfg = config(kernel, rootUuid, commandLine);
        // the monolithic image's built-in prefix is /EFI/debian; it falls back to grub.cfg beside itself
        return List.of(
                new GeneratedFile(ESP_MOUNT + "/EFI/BOOT/BOOTAA64.EFI", grub, 0644),
                GeneratedFile.text(ESP_MOUNT + "/EFI/BOOT/grub.cfg", cfg),
                GeneratedFile.text(ESP_MOUNT + "/EFI/debian/grub.cfg", cfg));
    }

    static String config(KernelFiles kernel, String rootUuid, String commandLine) {
        return "# GRUB EFI (crossroot): kernel and initrd from the root filesystem's /boot\n"
                + "set default=0\nset timeout=1\n"
                + "search --no-floppy --fs-uuid --set=root " + rootUuid + "\n"
                + "menuentry 'Debian " + kernel.version() + "' {\n"
                + "    linux /boot/" + kernel.kernel().getFileName() + " " + commandLine + "\n"
                + "    initrd /boot/" + kernel.initrd().getFileName() + "\n"
                + "}\n";
    }
}

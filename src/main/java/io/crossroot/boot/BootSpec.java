package io.crossroot.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything needed to boot an image in QEMU, stored beside it as IMAGE.boot.json by "disk build" and read by
 * "boot". Paths are relative to the image's directory; firmware paths are relative to the toolbox root.
 *
 * @param arch     Debian architecture (riscv64, arm64)
 * @param kernel   kernel to load with -kernel (direct-kernel: the rootfs's; U-Boot profiles: u-boot.bin), or null
 * @param initrd   initrd for -initrd, or null
 * @param append   kernel command line, or null
 * @param bios     firmware for -bios (toolbox path), or null
 * @param firmware toolbox-relative firmware passed as the -kernel (U-Boot) or pflash, or null
 */
public record BootSpec(
        String arch,
        String profile,
        String image,
        String format,
        String kernel,
        String initrd,
        String append,
        String bios,
        String firmware,
        int memoryMiB) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Path fileFor(Path image) {
        return image.resolveSibling(image.getFileName() + ".boot.json");
    }

    /** The same boot for another file of the same disk beside this one (e.g. the raw image of a qcow2). */
    public BootSpec forImage(String otherImage, String otherFormat) {
        return new BootSpec(arch, profile, otherImage, otherFormat, kernel, initrd, append, bios, firmware, memoryMiB);
    }

    public void write(Path image) throws IOException {
        AtomicOutput.write(fileFor(image), JSON.writeValueAsBytes(this));
    }

    public static BootSpec read(Path image) {
        Path f = fileFor(image);
        if (!Files.isRegularFile(f)) {
            throw new UserError(
                    "No boot description " + f + " next to the image. Build the image with "
                            + "'crossroot disk build --profile direct-kernel|qemu-virt-riscv64|qemu-virt-arm64 ...', which writes it.");
        }
        try {
            return JSON.readValue(f.toFile(), BootSpec.class);
        } catch (IOException e) {
            throw new UserError("Cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}

package io.crossroot.disk;

import java.nio.charset.StandardCharsets;

/** A file crossroot adds to the image (fstab, bootloader configuration), at an absolute path of the booted system. */
public record GeneratedFile(String path, byte[] content, int mode) {
    public GeneratedFile {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("generated file path must be absolute: " + path);
        }
    }

    public static GeneratedFile text(String path, String text) {
        return new GeneratedFile(path, text.getBytes(StandardCharsets.UTF_8), 0644);
    }
}

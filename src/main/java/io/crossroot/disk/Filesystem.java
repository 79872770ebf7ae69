package io.crossroot.disk;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What a partition holds: a filesystem crossroot creates, a swap signature, or raw bytes (an image file or nothing). */
public enum Filesystem {
    EXT4,
    VFAT,
    SWAP,
    NONE;

    @JsonCreator
    public static Filesystem parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "ext4" -> EXT4;
            case "vfat", "fat", "fat32", "fat16" -> VFAT;
            case "swap" -> SWAP;
            case "none", "raw" -> NONE;
            default ->
                throw new IllegalArgumentException("unknown filesystem '" + text + "' (use ext4, vfat, swap or none)");
        };
    }

    public String fstabType() {
        return name().toLowerCase(Locale.ROOT);
    }
}

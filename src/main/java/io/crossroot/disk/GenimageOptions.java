package io.crossroot.disk;

import io.crossroot.util.InputProblems;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every option genimage documents, per section, as crossroot takes it: honoured, or refused by name with the
 * reason, so a board's configuration never builds silently into a different disk than genimage would. Anything
 * else is unknown, as it is to genimage itself.
 */
final class GenimageOptions {
    private static final String NOT_FOR_DISKS =
            "crossroot builds disk images (hdimage) with ext4 and vfat " + "filesystems; it does not make a";

    /** Keys crossroot honours, by section kind. */
    private static final Map<String, Set<String>> HONOURED = Map.of(
            "image", Set.of("size", "mountpoint"),
            "hdimage", Set.of("partition-table-type", "gpt", "partition-table", "disk-uuid", "align"),
            "partition",
                    Set.of(
                            "offset",
                            "size",
                            "align",
                            "partition-type",
                            "partition-type-uuid",
                            "partition-uuid",
                            "image",
                            "bootable",
                            "in-partition-table"),
            "ext4", Set.of("extraargs", "label", "features", "use-mke2fs"),
            "vfat", Set.of("extraargs", "label", "files"),
            "file", Set.of());

    /** Documented keys crossroot refuses, with why and what to do instead. */
    private static final Map<String, Map<String, String>> REFUSED = Map.of(
            "image",
                    Map.of(
                            "name", "crossroot names its output with -o",
                            "empty", "leave the mountpoint out of the layout for an empty filesystem",
                            "temporary", "crossroot keeps no intermediate images",
                            "exec-pre", "crossroot runs no commands from a layout",
                            "exec-post", "crossroot runs no commands from a layout",
                            "flashtype", "crossroot builds no flash images"),
            "hdimage",
                    Map.of(
                            "extended-partition",
                                    "crossroot writes primary MBR partitions only (use GPT for more than 4)",
                            "disk-signature",
                                    "crossroot derives the MBR signature from the disk UUID and SOURCE_DATE_EPOCH",
                            "gpt-location", "crossroot writes the GPT entries right after its header",
                            "gpt-no-backup", "crossroot always writes the backup GPT",
                            "fill", "crossroot's image already ends after the last partition and the backup GPT"),
            "partition",
                    Map.of(
                            "autoresize",
                                    "leave the last partition's size out and set the image's size: crossroot grows it",
                            "forced-primary", "crossroot writes primary MBR partitions only",
                            "fill", "crossroot does not pad partitions",
                            "sparse", "crossroot always writes sparse images"),
            "ext4",
                    Map.of(
                            "mke2fs-conf", "crossroot runs mke2fs with its own settings; pass options in extraargs",
                            "fs-timestamp", "crossroot sets every time stamp from SOURCE_DATE_EPOCH",
                            "root-owner", "the root directory keeps the owner it has in the root filesystem",
                            "usage-type", "pass '-T TYPE' in extraargs"),
            "vfat", Map.of("file", "list the files with 'files' (crossroot copies them under their own names)"),
            "file", Map.of("holes", "crossroot never lets partitions overlap each other or the partition table"));

    /** Image types genimage makes that crossroot does not. */
    private static final Set<String> OTHER_IMAGE_TYPES = Set.of(
            "android-sparse",
            "cpio",
            "cramfs",
            "ext2",
            "ext3",
            "fip",
            "fit",
            "flash",
            "iso",
            "jffs2",
            "mdraid",
            "qemu",
            "rauc",
            "squashfs",
            "tar",
            "ubi",
            "ubifs",
            "erofs",
            "custom",
            "f2fs",
            "btrfs");

    private GenimageOptions() {}

    /** Adds a problem for every option in the file that crossroot does not honour. */
    static void check(List<GenimageConfig.Section> top, InputProblems problems) {
        for (GenimageConfig.Section s : top) {
            switch (s.kind()) {
                case "image" -> checkImage(s, problems);
                case "config" ->
                    problems.add(
                            s.line(),
                            "genimage's 'config' section is not read by crossroot: give "
                                    + "the input directory with --input-path and the output with -o");
                case "flash" ->
                    problems.add(s.line(), "flash sections describe flash chips; " + NOT_FOR_DISKS + " flash image");
                default ->
                    problems.add(
                            s.line(),
                            "unknown section '" + s.kind() + "' (genimage's are image, config " + "and flash)");
            }
        }
    }

    private static void checkImage(GenimageConfig.Section image, InputProblems problems) {
        checkKeys(image, problems);
        int types = 0;
        for (GenimageConfig.Section c : image.children()) {
            switch (c.kind()) {
                case "partition" -> checkPartition(c, problems);
                case "hdimage", "ext4", "vfat", "file" -> {
                    types++;
                    checkKeys(c, problems);
                    c.children().forEach(child -> problems.add(child.line(), refusedOrUnknown(c.kind(), child.kind())));
                }
                default ->
                    problems.add(
                            c.line(),
                            OTHER_IMAGE_TYPES.contains(c.kind())
                                    ? "image " + image.name() + " is of type '" + c.kind() + "': " + NOT_FOR_DISKS + " "
                                            + c.kind()
                                            + " image. Build it with genimage and name the file in the partition's 'image'"
                                    : "unknown section '" + c.kind() + "' in image " + image.name());
            }
        }
        if (types > 1) {
            problems.add(image.line(), "image " + image.name() + " has more than one type section");
        }
    }

    private static void checkPartition(GenimageConfig.Section partition, InputProblems problems) {
        checkKeys(partition, problems);
        partition
                .children()
                .forEach(c ->
                        problems.add(c.line(), "unknown section '" + c.kind() + "' in partition " + partition.name()));
        GenimageConfig.Value inTable = partition.values().get("in-partition-table");
        if (inTable == null) {
            return;
        }
        try {
            if (!GenimageConfig.bool(inTable.single())) {
                problems.add(
                        inTable.line(),
                        "partition " + partition.name() + ": in-partition-table = false is not "
                                + "supported: crossroot lists every partition in the table");
            }
        } catch (IllegalArgumentException e) {
            problems.add(inTable.line(), "partition " + partition.name() + ": in-partition-table: " + e.getMessage());
        }
    }

    private static void checkKeys(GenimageConfig.Section s, InputProblems problems) {
        Set<String> honoured = HONOURED.getOrDefault(s.kind(), Set.of());
        s.values().forEach((key, value) -> {
            if (!honoured.contains(key)) {
                problems.add(value.line(), refusedOrUnknown(s.kind(), key));
            }
        });
    }

    private static String refusedOrUnknown(String kind, String key) {
        String why = REFUSED.getOrDefault(kind, Map.of()).get(key);
        if (why != null) {
            return "genimage's " + kind + " option '" + key + "' is not supported by crossroot: " + why;
        }
        return "unknown " + kind + " option '" + key + "' (crossroot takes "
                + String.join(", ", new java.util.TreeSet<>(HONOURED.getOrDefault(kind, Set.of()))) + ")";
    }
}

package io.crossroot.disk;

import java.util.Locale;
import java.util.Map;

/** A partition's type in both tables: the GPT type GUID and the MBR system id. */
public record PartitionType(String name, Guid gpt, int mbr) {
    public static final PartitionType ESP =
            new PartitionType("esp", Guid.parse("C12A7328-F81F-11D2-BA4B-00A0C93EC93B"), 0xef);
    public static final PartitionType LINUX =
            new PartitionType("linux", Guid.parse("0FC63DAF-8483-4772-8E79-3D69D8477DE4"), 0x83);
    public static final PartitionType SWAP =
            new PartitionType("swap", Guid.parse("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F"), 0x82);
    public static final PartitionType ROOT_RISCV64 =
            new PartitionType("root-riscv64", Guid.parse("72EC70A6-CF74-40E6-BD49-4BDA08E8F224"), 0x83);
    public static final PartitionType ROOT_ARM64 =
            new PartitionType("root-arm64", Guid.parse("B921B045-1DF0-41C3-AF44-4C6F280D3FAE"), 0x83);
    public static final PartitionType ROOT_AMD64 =
            new PartitionType("root-amd64", Guid.parse("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709"), 0x83);
    public static final PartitionType FAT32 =
            new PartitionType("fat32", Guid.parse("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"), 0x0c);

    private static final Map<String, PartitionType> BY_NAME = Map.of(
            "esp",
            ESP,
            "efi",
            ESP,
            "linux",
            LINUX,
            "swap",
            SWAP,
            "root-riscv64",
            ROOT_RISCV64,
            "root-arm64",
            ROOT_ARM64,
            "root-amd64",
            ROOT_AMD64,
            "fat32",
            FAT32,
            "vfat",
            FAT32);

    /** A name (esp, linux, swap, root-riscv64, root-arm64, fat32), a GPT type GUID, or an MBR id in hex (0x83). */
    public static PartitionType parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        PartitionType known = BY_NAME.get(t);
        if (known != null) {
            return known;
        }
        if (t.matches("0x[0-9a-f]{1,2}")) {
            int id = Integer.parseInt(t.substring(2), 16);
            return BY_NAME.values().stream()
                    .filter(p -> p.mbr == id)
                    .findFirst()
                    .orElse(new PartitionType(t, LINUX.gpt, id));
        }
        if (t.matches("[0-9a-f-]{36}")) {
            Guid g = Guid.parse(t);
            return BY_NAME.values().stream()
                    .filter(p -> p.gpt.equals(g))
                    .findFirst()
                    .orElse(new PartitionType(g.toString(), g, 0x83));
        }
        throw new IllegalArgumentException("unknown partition type '" + text + "' (use esp, linux, swap, root-riscv64, "
                + "root-arm64, fat32, a GPT type GUID, or an MBR id such as 0x83)");
    }
}

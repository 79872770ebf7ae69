package io.crossroot.disk;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A disk layout: partition table, partitions in disk order, optional fixed disk size.
 *
 * @param size bytes, or null for exactly what the partitions need
 */
public record DiskLayout(Table table, Long size, String diskUuid, List<PartitionSpec> partitions) {
    public enum Table {
        GPT,
        MBR;

        public static Table parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "gpt" -> GPT;
                case "mbr", "dos", "msdos" -> MBR;
                default ->
                    throw new IllegalArgumentException("unknown partition table '" + text + "' (use gpt or mbr)");
            };
        }
    }

    public DiskLayout {
        table = table == null ? Table.GPT : table;
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("the layout has no partitions");
        }
        Set<String> names = new HashSet<>();
        Set<String> mounts = new HashSet<>();
        for (PartitionSpec p : partitions) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two partitions are named '" + p.name() + "'");
            }
            if (p.mountpoint() != null && !mounts.add(p.mountpoint())) {
                throw new IllegalArgumentException("two partitions are mounted at " + p.mountpoint());
            }
        }
        if (table == Table.MBR && partitions.size() > MbrWriter.MAX_PRIMARY) {
            throw new IllegalArgumentException("an MBR table holds at most 4 partitions; use table: gpt");
        }
        if (diskUuid != null) {
            Guid.parse(diskUuid);
        }
    }

    /** The partition mounted at "/", if any. */
    public java.util.Optional<PartitionSpec> root() {
        return partitions.stream().filter(p -> "/".equals(p.mountpoint())).findFirst();
    }
}

package io.crossroot.disk;

import java.util.List;
import java.util.Optional;

/** A layout with every identifier fixed (derived from names and SOURCE_DATE_EPOCH where the layout gives none). */
public record DiskPlan(DiskLayout layout, Guid diskGuid, List<PartitionIdentity> partitions, long epoch) {
    public static DiskPlan of(DiskLayout layout, long epoch) {
        Guid disk = layout.diskUuid() != null ? Guid.parse(layout.diskUuid()) : Guid.derived("disk", epoch);
        List<PartitionIdentity> ids = layout.partitions().stream()
                .map(p -> new PartitionIdentity(
                        p,
                        p.partUuid() != null ? Guid.parse(p.partUuid()) : Guid.derived("partition/" + p.name(), epoch),
                        p.uuid() != null ? Guid.parse(p.uuid()) : Guid.derived("filesystem/" + p.name(), epoch)))
                .toList();
        return new DiskPlan(layout, disk, ids, epoch);
    }

    public Optional<PartitionIdentity> mountedAt(String mountpoint) {
        return partitions.stream()
                .filter(p -> mountpoint.equals(p.spec().mountpoint()))
                .findFirst();
    }
}

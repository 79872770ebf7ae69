package io.crossroot.disk;

/** A partition at its final place on the disk: sectors [firstLba, firstLba + sectors). */
public record PlacedPartition(
        String name, PartitionType type, Guid uniqueGuid, long firstLba, long sectors, boolean bootable) {
    public long offsetBytes() {
        return firstLba * Sizes.SECTOR;
    }

    public long sizeBytes() {
        return sectors * Sizes.SECTOR;
    }

    public long lastLba() {
        return firstLba + sectors - 1;
    }
}

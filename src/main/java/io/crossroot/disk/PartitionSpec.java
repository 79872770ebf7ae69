package io.crossroot.disk;

import java.nio.file.Path;
import java.util.List;

/**
 * One partition as a layout describes it.
 *
 * @param size        bytes, or null to size it from its content plus {@code headroom}
 * @param uuid        filesystem UUID (ext4) or volume id (vfat, low 32 bits); null derives one from the name
 * @param partUuid    GPT unique partition GUID; null derives one from the name
 * @param mountpoint  where the system mounts it ("/", "/boot/efi"); also the rootfs directory it is filled from,
 *                    unless {@code source} says otherwise, and excluded from the partitions mounted above it
 * @param source      rootfs directory whose contents fill the filesystem; null: the mountpoint's, or empty
 * @param files       single files copied to the filesystem's top level (rootfs paths or host paths)
 * @param image       a host file written raw into the partition (filesystem none)
 * @param extraArgs   further options for mke2fs or mkfs.vfat (e.g. "-i 8192")
 */
public record PartitionSpec(String name, PartitionType type, Long size, Long headroom, Filesystem filesystem,
        String label, String uuid, String partUuid, String mountpoint, String source, List<String> files, Path image,
        List<String> extraArgs, boolean bootable) {
    public PartitionSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a partition needs a name");
        }
        files = files == null ? List.of() : List.copyOf(files);
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        if (type == null) {
            type = filesystem == Filesystem.VFAT ? PartitionType.ESP : filesystem == Filesystem.SWAP ? PartitionType.SWAP : PartitionType.LINUX;
        }
        if (filesystem == null) {
            filesystem = image != null ? Filesystem.NONE : type.equals(PartitionType.ESP) ? Filesystem.VFAT
                    : type.equals(PartitionType.SWAP) ? Filesystem.SWAP : Filesystem.EXT4;
        }
        if (mountpoint != null && !mountpoint.startsWith("/")) {
            throw new IllegalArgumentException("partition " + name + ": mountpoint '" + mountpoint + "' must be absolute");
        }
        if (uuid != null) {
            Guid.parse(uuid);
        }
        if (partUuid != null) {
            Guid.parse(partUuid);
        }
    }

    /** The rootfs directory this partition's filesystem is filled from, if any. */
    public String contentRoot() {
        return source != null ? source : mountpoint;
    }
}

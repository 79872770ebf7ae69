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
 * @param offset      bytes from the start of the disk where the partition starts, or null to place it after the
 *                    previous one
 * @param align       bytes the start (when placed after the previous one) and the size are rounded up to, or null
 *                    for crossroot's 1 MiB
 */
public record PartitionSpec(
        String name,
        PartitionType type,
        Long size,
        Long headroom,
        Filesystem filesystem,
        String label,
        String uuid,
        String partUuid,
        String mountpoint,
        String source,
        List<String> files,
        Path image,
        List<String> extraArgs,
        boolean bootable,
        Long offset,
        Long align) {
    public PartitionSpec(
            String name,
            PartitionType type,
            Long size,
            Long headroom,
            Filesystem filesystem,
            String label,
            String uuid,
            String partUuid,
            String mountpoint,
            String source,
            List<String> files,
            Path image,
            List<String> extraArgs,
            boolean bootable) {
        this(
                name,
                type,
                size,
                headroom,
                filesystem,
                label,
                uuid,
                partUuid,
                mountpoint,
                source,
                files,
                image,
                extraArgs,
                bootable,
                null,
                null);
    }

    public PartitionSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a partition needs a name");
        }
        if (align != null && (align <= 0 || align % Sizes.SECTOR != 0)) {
            throw new IllegalArgumentException("partition " + name + ": align " + align + " is not a positive multiple "
                    + "of the " + Sizes.SECTOR + "-byte sector");
        }
        long unit = align != null ? align : Sizes.SECTOR;
        if (offset != null && (offset < 0 || offset % unit != 0)) {
            throw new IllegalArgumentException("partition " + name + ": offset " + offset + " is not a multiple of "
                    + (align != null ? "its align " + align : "the " + Sizes.SECTOR + "-byte sector"));
        }
        if (align != null && size != null && size % align != 0) {
            throw new IllegalArgumentException(
                    "partition " + name + ": size " + size + " is not a multiple of its align " + align);
        }
        files = files == null ? List.of() : List.copyOf(files);
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        if (type == null) {
            type = filesystem == Filesystem.VFAT
                    ? PartitionType.ESP
                    : filesystem == Filesystem.SWAP ? PartitionType.SWAP : PartitionType.LINUX;
        }
        if (filesystem == null) {
            filesystem = image != null
                    ? Filesystem.NONE
                    : type.equals(PartitionType.ESP)
                            ? Filesystem.VFAT
                            : type.equals(PartitionType.SWAP) ? Filesystem.SWAP : Filesystem.EXT4;
        }
        if (mountpoint != null) {
            requireSystemPath(mountpoint);
        }
        if (source != null) {
            requireSystemPath(source);
        }
        if (uuid != null) {
            Guid.parse(uuid);
        }
        if (partUuid != null) {
            Guid.parse(partUuid);
        }
    }

    /** Mountpoints and sources name places in the system being built: absolute, without "." or ".." steps. */
    static void requireSystemPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("'" + path + "' must be an absolute path in the system, like /boot");
        }
        for (String step : path.split("/")) {
            if (step.equals("..") || step.equals(".")) {
                throw new IllegalArgumentException("'" + path + "' must not contain '" + step + "' steps");
            }
        }
    }

    /** The rootfs directory this partition's filesystem is filled from, if any. */
    public String contentRoot() {
        return source != null ? source : mountpoint;
    }
}

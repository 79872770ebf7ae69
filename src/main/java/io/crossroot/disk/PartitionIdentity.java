package io.crossroot.disk;

/**
 * The identifiers of a partition and its filesystem, fixed before anything is written so that fstab and
 * bootloader files can name them.
 *
 * @param fsUuid ext4 UUID; for vfat only the low 32 bits are used, as the volume id
 */
public record PartitionIdentity(PartitionSpec spec, Guid partUuid, Guid fsUuid) {
    /** How fstab and kernel command lines name the filesystem: UUID=... (ext4, swap) or UUID=XXXX-XXXX (vfat). */
    public String fsUuidText() {
        if (spec.filesystem() == Filesystem.VFAT) {
            String hex = String.format(java.util.Locale.ROOT, "%08X", fsUuid.low32());
            return hex.substring(0, 4) + "-" + hex.substring(4);
        }
        return fsUuid.lower();
    }

    /** The volume label, trimmed to what the filesystem can store. */
    public String label() {
        String l = spec.label() != null ? spec.label() : spec.name();
        int max = spec.filesystem() == Filesystem.VFAT ? 11 : 16;
        return l.length() > max ? l.substring(0, max) : l;
    }
}

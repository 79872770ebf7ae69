package io.crossroot.lock;

import java.util.List;

/**
 * The packages a lockfile pins for one use ({@link Role}) and architecture: a target root filesystem's set, the
 * host's toolbox, or the qemu-user interpreter package. Kept sorted, so the file does not change without cause.
 */
public record LockedSet(Role role, String arch, List<LockedPackage> packages) {
    public LockedSet {
        packages = packages.stream().sorted().distinct().toList();
    }

    /** What a set is installed for. */
    public enum Role {
        /** A target architecture's root filesystem (the recipe's variant and include). */
        ROOTFS,
        /** The host tools crossroot runs (mke2fs, mtools, qemu-system, firmware), amd64 plus guest firmware. */
        TOOLBOX,
        /** The package of the static qemu-user interpreters registered with binfmt_misc. */
        QEMU;

        /** The name in the file: rootfs, toolbox, qemu. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Role ofKey(String key) {
            for (Role r : values()) {
                if (r.key().equals(key)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("'" + key + "' is not a set role (rootfs, toolbox, qemu)");
        }
    }
}

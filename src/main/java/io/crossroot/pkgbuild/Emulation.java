package io.crossroot.pkgbuild;

/** How the target's programs run in a build for a foreign architecture. */
public enum Emulation {
    /** Every program under qemu-user. */
    USER,
    /** Under qemu-user, with the architecture-neutral programs of {@link NativeTier} run as the host's builds. */
    ACCELERATED,
    /** The build command in a qemu-system virtual machine booted from a disk image of the build root. */
    SYSTEM
}

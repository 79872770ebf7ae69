package io.crossroot.binfmt;

/**
 * @param credentials add the C flag (setuid programs inside the guest work, at a security cost: see the warning)
 * @param force       replace other entries (a distribution's qemu-user-binfmt, say) that handle the same binaries
 * @param persist     also write a systemd binfmt.d file so the entry comes back after a reboot
 */
public record InstallOptions(boolean credentials, boolean force, boolean persist) {
    public static InstallOptions defaults() {
        return new InstallOptions(false, false, false);
    }

    /** F: works in chroots and containers; P: the guest sees its real argv[0]; O: unreadable binaries run too. */
    public String flags() {
        return credentials ? "POCF" : "POF";
    }
}

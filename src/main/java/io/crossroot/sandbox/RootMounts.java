package io.crossroot.sandbox;

import io.crossroot.util.HostProgram;

/**
 * The shell script every sandbox runs in its fresh mount (and PID) namespace before the command: it gives the
 * root its own /proc, read-only /sys, a minimal /dev and an empty /tmp, then execs chroot. Everything it mounts
 * dies with the namespace. Written for both util-linux and busybox (the Docker sandbox's helper image), so only
 * options both understand. Arguments: the root, then the command.
 */
public final class RootMounts {
    public static final String SCRIPT = String.join(
            "\n",
            "set -e",
            "r=$1; shift",
            "command_path=$PATH; PATH=/usr/sbin:/usr/bin:/sbin:/bin", // the tools below are the host's (or busybox's)
            "mount --make-rprivate / 2>/dev/null || true",
            "mount -t proc proc \"$r/proc\"",
            "mount -t sysfs -o ro sysfs \"$r/sys\"",
            "mount -t tmpfs -o mode=755,nosuid dev \"$r/dev\"",
            "for n in null zero full random urandom tty; do : > \"$r/dev/$n\"; mount -o bind /dev/$n \"$r/dev/$n\"; done",
            "mkdir -p \"$r/dev/pts\" \"$r/dev/shm\"",
            "mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts \"$r/dev/pts\"",
            "ln -s pts/ptmx \"$r/dev/ptmx\"",
            "ln -s /proc/self/fd \"$r/dev/fd\"",
            "ln -s /proc/self/fd/0 \"$r/dev/stdin\"; ln -s /proc/self/fd/1 \"$r/dev/stdout\"; ln -s /proc/self/fd/2 \"$r/dev/stderr\"",
            "mount -t tmpfs -o mode=1777 shm \"$r/dev/shm\"",
            "mount -t tmpfs -o mode=1777 tmp \"$r/tmp\"",
            "unset PWD OLDPWD HOSTNAME", // set by the shell or the engine: the command gets exactly what was asked
            "chroot=$(command -v chroot)",
            "PATH=$command_path; unset command_path",
            "exec \"$chroot\" \"$r\" \"$@\"");

    /** {@link #SCRIPT} with {@code overlays} mounted after the root's own file systems, just before chroot. */
    public static String script(java.util.List<RootOverlay> overlays) {
        if (overlays.isEmpty()) {
            return SCRIPT;
        }
        String chroot = "chroot=$(command -v chroot)";
        StringBuilder lines = new StringBuilder();
        overlays.forEach(o -> lines.append(o.mountLine()).append('\n'));
        return SCRIPT.replace(chroot, lines + chroot);
    }

    /** The programs {@link #SCRIPT} runs; in the chroot sandbox they are the host's. */
    public static final java.util.List<HostProgram> HOST_PROGRAMS =
            java.util.List.of(HostProgram.MOUNT, HostProgram.MKDIR, HostProgram.LN, HostProgram.CHROOT);

    /** The directories {@link #SCRIPT} mounts on, which must exist in the root. */
    public static final java.util.List<String> MOUNT_POINTS = java.util.List.of("proc", "sys", "dev", "tmp");

    private RootMounts() {}
}

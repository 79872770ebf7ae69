package io.crossroot.util;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every program crossroot starts from the host's own file system, with the Debian package that ships it. Each
 * package is one every minbase Debian has (Essential or Priority: required), so a machine with nothing added but a
 * JDK runs crossroot; any other program comes from the pinned toolbox. HostProgramsTest checks both against the
 * mirror's package index, and that no process starts but through {@link HostProcess}.
 */
public enum HostProgram {
    /** Runs the chroot sandbox's mount script ({@code /bin/sh}, as the script is written for any POSIX shell). */
    SH("sh", "dash"),
    /** Gives the chroot sandbox its private mount and PID namespaces. */
    UNSHARE("unshare", "util-linux"),
    /** Ends the chroot sandbox when crossroot itself is killed outright (its parent-death signal). */
    SETPRIV("setpriv", "util-linux"),
    /** Mounts binfmt_misc, and /proc, /sys and /dev inside the chroot sandbox's namespace. */
    MOUNT("mount", "mount"),
    /** The chroot sandbox's script: mount points, /dev links and the chroot itself. */
    MKDIR("mkdir", "coreutils"),
    LN("ln", "coreutils"),
    CHROOT("chroot", "coreutils"),
    /** Copies trees with owners, xattrs, hard links and reflinks. */
    CP("cp", "coreutils"),
    /** Creates a package's device nodes (java.nio cannot). */
    MKNOD("mknod", "coreutils"),
    /** Reads a tree's file metadata in one run (see oci.TreeStat). */
    FIND("find", "findutils");

    /**
     * Programs that libraries bundled in crossroot's jar may start on their own, by PATH, with their packages:
     * picocli's terminal width (stty, only when usage auto-width is asked for), JLine's terminal probing under
     * progressbar (test, tty, stty, infocmp) and jline-native's platform check (cat, uname). All minbase too;
     * ProcessStartScanTest lists the library classes that make processes.
     */
    public static final java.util.Map<String, String> LIBRARY_PROGRAMS = java.util.Map.of(
            "stty",
            "coreutils",
            "tty",
            "coreutils",
            "test",
            "coreutils",
            "cat",
            "coreutils",
            "uname",
            "coreutils",
            "infocmp",
            "ncurses-bin");

    /** Where programs are looked for: Debian's own directories, whatever PATH crossroot was started with. */
    public static final List<String> DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private final String program;
    private final String debianPackage;

    HostProgram(String program, String debianPackage) {
        this.program = program;
        this.debianPackage = debianPackage;
    }

    /** The program's file name. */
    public String program() {
        return program;
    }

    /** The Debian package that ships it. */
    public String debianPackage() {
        return debianPackage;
    }

    /** The program's path on this host; a missing program is a {@link UserError} naming its package. */
    public Path path() {
        for (String dir : DIRECTORIES) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw missing();
    }

    UserError missing() {
        return new UserError("crossroot needs the host program '" + program + "', which this machine lacks (looked in "
                + String.join(", ", DIRECTORIES) + "). It comes with the Debian package " + debianPackage
                + ", which every Debian system has: install it again with 'apt-get install --reinstall "
                + debianPackage + "'.");
    }
}

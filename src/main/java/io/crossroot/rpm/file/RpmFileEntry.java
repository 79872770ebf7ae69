package io.crossroot.rpm.file;

/**
 * One file of a package as its header lists it (rpm's file info set): where it goes, what it is and who owns it.
 *
 * @param index        its position in the header's file list (the stripped cpio format names files by it)
 * @param path         the absolute path, "/usr/bin/x"
 * @param mode         st_mode with the type bits (0100755, 040755, 0120777, ...)
 * @param size         the file size (a symlink's is its target's length)
 * @param user         the owner's name (rpm resolves names, not ids, against the target's /etc/passwd)
 * @param group        the group's name
 * @param flags        rpmfileAttrs: {@link #CONFIG}, {@link #GHOST}, {@link #NOREPLACE}, ...
 * @param digest       the file's digest in hex, by the header's FILEDIGESTALGO; empty for non-regular files
 * @param linkTarget   a symlink's target; empty otherwise
 * @param mtime        the modification time in seconds since the epoch
 * @param device       FILEDEVICES, which with {@code inode} groups hard links
 * @param inode        FILEINODES
 * @param rdev         a device node's number (major << 8 | minor)
 * @param capabilities the file capabilities in cap_to_text form ("cap_net_raw=ep"); empty when none
 */
public record RpmFileEntry(
        int index,
        String path,
        int mode,
        long size,
        String user,
        String group,
        long flags,
        String digest,
        String linkTarget,
        long mtime,
        long device,
        long inode,
        int rdev,
        String capabilities) {
    public static final long CONFIG = 1;
    public static final long DOC = 1 << 1;
    public static final long MISSINGOK = 1 << 3;
    public static final long NOREPLACE = 1 << 4;
    public static final long GHOST = 1 << 6;
    public static final long LICENSE = 1 << 7;
    public static final long README = 1 << 8;
    public static final long ARTIFACT = 1 << 12;

    static final int S_IFMT = 0170000;
    static final int S_IFREG = 0100000;
    static final int S_IFDIR = 0040000;
    static final int S_IFLNK = 0120000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    static final int S_IFIFO = 0010000;
    static final int S_IFSOCK = 0140000;

    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /** A character or block device or a FIFO. */
    public boolean isSpecial() {
        int type = mode & S_IFMT;
        return type == S_IFCHR || type == S_IFBLK || type == S_IFIFO;
    }

    public boolean isConfig() {
        return (flags & CONFIG) != 0;
    }

    /** %config(noreplace): an edited copy on the target stays and the package's goes to NAME.rpmnew. */
    public boolean isNoReplace() {
        return (flags & NOREPLACE) != 0;
    }

    /** %ghost: owned by the package but not shipped in its payload, so not created on install. */
    public boolean isGhost() {
        return (flags & GHOST) != 0;
    }

    public boolean isDoc() {
        return (flags & DOC) != 0;
    }

    /** The permission bits (with setuid, setgid and sticky), without the type. */
    public int permissions() {
        return mode & 07777;
    }
}

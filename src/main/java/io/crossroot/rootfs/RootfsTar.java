package io.crossroot.rootfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes a root filesystem as a POSIX tar keeping owners, modes (setuid too), mtimes, symlinks and hard links. */
final class RootfsTar {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    private RootfsTar() {}

    static void write(Path root, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Map<String, String> firstNameOfInode = new HashMap<>();
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted().toList();
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            String name = rel.isEmpty() ? "./" : "./" + rel;
            Map<String, Object> a = Files.readAttributes(
                    p, "unix:mode,uid,gid,ino,dev,nlink,rdev,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            TarArchiveEntry e;
            int type = mode & S_IFMT;
            String inode = a.get("dev") + ":" + a.get("ino");
            if (type == S_IFDIR) {
                e = new TarArchiveEntry(name + (name.endsWith("/") ? "" : "/"), TarConstants.LF_DIR, true);
            } else if (type == S_IFLNK) {
                e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
                e.setLinkName(Files.readSymbolicLink(p).toString());
            } else if (type == S_IFREG && (Integer) a.get("nlink") > 1 && firstNameOfInode.containsKey(inode)) {
                e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
                e.setLinkName(firstNameOfInode.get(inode));
            } else if (type == S_IFREG) {
                e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
                e.setSize((Long) a.get("size"));
                firstNameOfInode.put(inode, name);
            } else if (type == S_IFCHR || type == S_IFBLK || type == S_IFIFO) {
                e = new TarArchiveEntry(
                        name,
                        type == S_IFCHR
                                ? TarConstants.LF_CHR
                                : type == S_IFBLK ? TarConstants.LF_BLK : TarConstants.LF_FIFO,
                        true);
                long rdev = (Long) a.get("rdev");
                e.setDevMajor((int) ((rdev >>> 8) & 0xfff));
                e.setDevMinor((int) ((rdev & 0xff) | ((rdev >>> 12) & 0xfff00)));
            } else {
                continue; // sockets: nothing a package ships
            }
            e.setMode(mode & 07777);
            e.setUserId((Integer) a.get("uid"));
            e.setGroupId((Integer) a.get("gid"));
            e.setModTime((FileTime) a.get("lastModifiedTime"));
            tar.putArchiveEntry(e);
            if (e.getLinkFlag() == TarConstants.LF_NORMAL) {
                Files.copy(p, tar);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }
}

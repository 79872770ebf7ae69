package io.crossroot.oci;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A root filesystem directory as layer entries: owners, modes, links, device nodes and xattrs as stat sees them. */
final class DirectoryTree implements LayerSource {
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;
    private static final String STAT = "unix:mode,uid,gid,ino,dev,nlink,rdev,size,lastModifiedTime";

    private final Path root;
    private final Xattrs.Pending xattrs;

    private DirectoryTree(Path root, Xattrs.Pending xattrs) {
        this.root = root;
        this.xattrs = xattrs;
    }

    /** Starts reading the tree's extended attributes at once, so that is done by the time the walk begins. */
    static DirectoryTree open(Path root) {
        return new DirectoryTree(root, Xattrs.start(root));
    }

    @Override
    public List<LayerEntry> entries() throws IOException {
        List<LayerEntry> out = new ArrayList<>();
        forEachEntry(out::add);
        return out;
    }

    /** Walks depth first, each directory's names sorted, handing on every entry as soon as it is read. */
    @Override
    public void forEachEntry(EntryConsumer consumer) throws IOException {
        walk(root, xattrs.get(), new LayerSource.HardLinks(), consumer);
    }

    private void walk(Path dir, Map<String, Map<String, byte[]>> attrs, LayerSource.HardLinks links,
            EntryConsumer consumer) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(LayerSource.ORDER);
        for (String name : names) {
            Path p = dir.resolve(name);
            LayerEntry e = entry(p);
            if (e == null) {
                continue;
            }
            Map<String, byte[]> values = attrs.get(e.name());
            consumer.accept(links.resolve(values == null ? e : e.withXattrs(values)));
            if (e.type() == LayerEntry.Type.DIRECTORY) {
                walk(p, attrs, links, consumer);
            }
        }
    }

    private LayerEntry entry(Path p) throws IOException {
        String name = root.relativize(p).toString();
        Map<String, Object> a = Files.readAttributes(p, STAT, LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int uid = (Integer) a.get("uid");
        int gid = (Integer) a.get("gid");
        long mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond();
        long rdev = (Long) a.get("rdev");
        int perm = mode & 07777;
        var none = LayerEntry.noXattrs();
        return switch (mode & S_IFMT) {
            case S_IFDIR -> new LayerEntry(name, LayerEntry.Type.DIRECTORY, perm, uid, gid, 0, mtime, null, 0, 0, none, null, null);
            case S_IFREG -> new LayerEntry(name, LayerEntry.Type.FILE, perm, uid, gid, (Long) a.get("size"), mtime, null,
                    0, 0, none, (Integer) a.get("nlink") > 1 ? a.get("dev") + ":" + a.get("ino") : null,
                    LayerEntry.Content.ofFile(p));
            case S_IFLNK -> new LayerEntry(name, LayerEntry.Type.SYMLINK, perm, uid, gid, 0, mtime,
                    Files.readSymbolicLink(p).toString(), 0, 0, none, null, null);
            case S_IFCHR, S_IFBLK -> new LayerEntry(name, (mode & S_IFMT) == S_IFCHR ? LayerEntry.Type.CHAR_DEVICE
                    : LayerEntry.Type.BLOCK_DEVICE, perm, uid, gid, 0, mtime, null, major(rdev), minor(rdev), none, null, null);
            case S_IFIFO -> new LayerEntry(name, LayerEntry.Type.FIFO, perm, uid, gid, 0, mtime, null, 0, 0, none, null, null);
            default -> null; // sockets belong to running programs, not to an image
        };
    }

    // glibc's gnu_dev_major/gnu_dev_minor
    static int major(long rdev) {
        return (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
    }

    static int minor(long rdev) {
        return (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
    }

    @Override
    public void close() {
        xattrs.close();
    }
}

package io.crossroot.disk;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What one filesystem will contain, as a directory for mke2fs -d: a hard-link copy of a rootfs directory (cheap:
 * no data is copied and the rootfs is never modified) without the directories other partitions hold (they stay as
 * empty mount points), plus the generated files, which replace links rather than overwrite shared inodes.
 */
final class FilesystemTree implements AutoCloseable {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path dir;
    /** False when {@link #dir} is the source itself, which close() must leave alone. */
    private final boolean staged;

    private FilesystemTree(Path dir, boolean staged) {
        this.dir = dir;
        this.staged = staged;
    }

    Path dir() {
        return dir;
    }

    /**
     * @param source   directory to mirror, or null for an empty filesystem
     * @param excluded paths relative to source whose contents stay out
     * @param files    generated files, paths relative to the filesystem root
     * @param epoch    time stamp of generated files and directories
     */
    static FilesystemTree create(
            Path source, Set<String> excluded, List<RelativeFile> files, Path workParent, long epoch)
            throws IOException {
        if (source != null && excluded.isEmpty() && files.isEmpty()) {
            return new FilesystemTree(source, false); // nothing to leave out or add: no need to walk and link it all
        }
        Path dir = Files.createTempDirectory(workParent, ".crossroot-stage-");
        FilesystemTree tree = new FilesystemTree(dir, true);
        try {
            if (source != null) {
                mirror(source, dir, excluded);
            }
            for (RelativeFile f : files) {
                tree.put(f, epoch);
            }
        } catch (IOException | RuntimeException e) {
            tree.close();
            throw e;
        }
        return tree;
    }

    /**
     * Sets every entry's access time to its modification time. mke2fs -d copies access times into the inodes,
     * and any earlier read of the tree (an image build, a copy) has moved them to that moment; mke2fs stats
     * each entry before it reads it, so the image gets these.
     */
    void pinAccessTimes() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.walk(dir)) {
            entries = s.toList();
        }
        for (Path p : entries) {
            BasicFileAttributeView view = Files.getFileAttributeView(p, BasicFileAttributeView.class, NOFOLLOW);
            view.setTimes(null, view.readAttributes().lastModifiedTime(), null);
        }
    }

    record RelativeFile(String path, GeneratedFile file) {}

    private static void mirror(Path source, Path target, Set<String> excluded) throws IOException {
        List<Path[]> dirs = new ArrayList<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Path rel = source.relativize(d);
                Path t = target.resolve(rel.toString());
                if (!rel.toString().isEmpty()) {
                    Files.createDirectory(t);
                }
                dirs.add(new Path[] {d, t});
                return excluded.contains(rel.toString()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Path t = target.resolve(source.relativize(f).toString());
                try {
                    Files.createLink(t, f); // link(2) does not follow symlinks: they are linked as they are
                } catch (FileSystemException e) {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW_COPY);
                    copyOwner(f, t);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // owners, modes and times last, deepest first: creating entries changes a directory's mtime
        for (int i = dirs.size() - 1; i >= 0; i--) {
            copyDirectoryMetadata(dirs.get(i)[0], dirs.get(i)[1]);
        }
    }

    private static final java.nio.file.CopyOption NOFOLLOW_COPY = LinkOption.NOFOLLOW_LINKS;

    private static void copyDirectoryMetadata(Path from, Path to) throws IOException {
        copyOwner(from, to);
        Files.setAttribute(
                to, "unix:mode", (Integer) Files.getAttribute(from, "unix:mode", NOFOLLOW) & 07777, NOFOLLOW);
        BasicFileAttributes a = Files.readAttributes(from, BasicFileAttributes.class, NOFOLLOW);
        Files.getFileAttributeView(to, java.nio.file.attribute.BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(a.lastModifiedTime(), a.lastAccessTime(), null);
    }

    private static void copyOwner(Path from, Path to) throws IOException {
        Files.setAttribute(to, "unix:uid", Files.getAttribute(from, "unix:uid", NOFOLLOW), NOFOLLOW);
        Files.setAttribute(to, "unix:gid", Files.getAttribute(from, "unix:gid", NOFOLLOW), NOFOLLOW);
    }

    private void put(RelativeFile f, long epoch) throws IOException {
        Path target = dir.resolve(f.path());
        FileTime time = FileTime.from(java.time.Instant.ofEpochSecond(epoch));
        List<Path> created = new ArrayList<>();
        for (Path p = target.getParent(); !Files.isDirectory(p, NOFOLLOW); p = p.getParent()) {
            created.add(0, p);
        }
        for (Path p : created) {
            Files.createDirectory(p);
            Files.setAttribute(p, "unix:mode", 0755, NOFOLLOW);
            Files.setLastModifiedTime(p, time);
        }
        FileTime parentTime = Files.getLastModifiedTime(target.getParent());
        Files.deleteIfExists(target); // a hard link into the rootfs: never write through it
        try {
            Files.write(target, f.file().content());
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot place generated file " + f.path(), e);
        }
        Files.setAttribute(target, "unix:mode", f.file().mode(), NOFOLLOW);
        Files.setLastModifiedTime(target, time);
        Files.setLastModifiedTime(target.getParent(), created.isEmpty() ? parentTime : time);
    }

    @Override
    public void close() throws IOException {
        if (!staged) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package io.crossroot.disk;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/** Bytes (in 4 KiB blocks) and inodes a directory tree needs, hard links counted once. */
record ContentSize(long bytes, long inodes) {
    static final long BLOCK = 4096;
    static final ContentSize EMPTY = new ContentSize(0, 0);

    static ContentSize of(Path root, Set<String> excluded) throws IOException {
        long[] totals = new long[2];
        Set<Object> seen = new HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                totals[0] += BLOCK;
                totals[1]++;
                return excluded.contains(root.relativize(d).toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                if (a.fileKey() == null || seen.add(a.fileKey())) {
                    totals[0] += a.isRegularFile() ? Sizes.alignUp(a.size(), BLOCK) : a.size() > 60 ? BLOCK : 0;
                    totals[1]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new ContentSize(totals[0], totals[1]);
    }

    ContentSize plus(long moreBytes, long moreInodes) {
        return new ContentSize(bytes + moreBytes, inodes + moreInodes);
    }
}

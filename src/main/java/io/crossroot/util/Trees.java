package io.crossroot.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/** Whole-tree file operations that never follow symlinks (a root file system's links point anywhere). */
public final class Trees {
    private Trees() {}

    /**
     * Copies the tree {@code from} onto {@code to} (created, or merged into when it is a directory) with cp -a:
     * owners, modes, timestamps, symlinks, hard links, device nodes and xattrs, which root file systems need,
     * sharing blocks where the file system supports reflinks.
     */
    public static void copy(Path from, Path to) throws IOException {
        Process p = HostProcess.start(HostProcess.endingWithUs(
                        HostProgram.CP, List.of("-a", "--reflink=auto", "-T", from.toString(), to.toString()))
                .redirectErrorStream(true));
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("cp -a " + from + " " + to + " failed: " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + from, e);
        } finally {
            p.destroyForcibly();
        }
    }

    /** Gives a tree to uid:gid (numeric, as inside the root; the host may not know the user). */
    public static void chown(Path dir, int uid, int gid) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Deletes a tree that another thread may still be writing into (a build interrupted by Ctrl-C keeps going
     * while the shutdown hook cleans up): retries a few times, then reports on stderr instead of failing.
     */
    public static void deleteQuietly(Path tree) {
        // Renaming first makes the writers' next path lookups fail, so the walk is not refilled behind its back.
        Path dir = tree.resolveSibling("." + tree.getFileName() + ".deleting");
        try {
            Files.move(tree, dir);
        } catch (IOException e) {
            dir = tree;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                delete(dir);
                return;
            } catch (IOException | UncheckedIOException e) {
                if (attempt == 30) {
                    System.err.println("crossroot: could not delete " + dir + ": " + e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

package io.crossroot.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The name OUT.partial-XXXX an output is written under before its rename, claimed by a lock held on
 * OUT.partial-XXXX.lock for as long as this process writes it. A run killed outright (SIGKILL, power loss) leaves
 * both behind with the lock released, so the next run for the same OUT finds them and deletes them, while the
 * partials of a build still running stay untouched.
 */
public final class PartialPath implements AutoCloseable {
    private static final String INFIX = ".partial-";
    private static final String LOCK_SUFFIX = ".lock";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * Lock files this JVM holds: it must never open one of them to test it, since closing any descriptor of a
     * file drops all of the process's POSIX locks on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final Path lockFile;
    private final FileChannel channel;

    private PartialPath(Path path, Path lockFile, FileChannel channel) {
        this.path = path;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /**
     * Deletes stale partials of {@code output} and claims a fresh name beside it; the caller creates the file or
     * directory at {@link #path()}.
     */
    public static PartialPath claim(Path output) throws IOException {
        Path out = output.toAbsolutePath().normalize();
        Path dir = out.getParent();
        String name = out.getFileName().toString();
        sweepStale(dir, name);
        while (true) {
            Path partial = dir.resolve(name + INFIX + HexFormat.of().toHexDigits(RANDOM.nextLong()));
            Path lock = Path.of(partial + LOCK_SUFFIX);
            HELD.add(lock);
            FileChannel ch;
            try {
                ch = FileChannel.open(lock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                HELD.remove(lock);
                continue;
            } catch (IOException e) {
                HELD.remove(lock);
                throw e;
            }
            ch.lock();
            // Another run's sweep may have taken the lock file for stale between its creation and our lock.
            if (Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
                return new PartialPath(partial, lock, ch);
            }
            ch.close();
            HELD.remove(lock);
        }
    }

    /** Where the output is written until it is renamed into place. */
    public Path path() {
        return path;
    }

    /** Releases the claim (the caller has renamed or deleted {@link #path()}). */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(lockFile); // before the unlock: a sweep never sees an unlocked lock of ours
        } finally {
            channel.close();
            HELD.remove(lockFile);
        }
    }

    /** Deletes OUT.partial-* left in {@code dir} by runs that no longer hold their lock. */
    static void sweepStale(Path dir, String name) throws IOException {
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob(name + INFIX) + "*")) {
            entries.forEach(candidates::add);
        } catch (NoSuchFileException e) {
            return;
        }
        // Trees.deleteQuietly renames a tree to .NAME.partial-XXXX.deleting first; a kill can stop it there.
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "." + glob(name + INFIX) + "*.deleting")) {
            for (Path entry : entries) {
                String entryName = entry.getFileName().toString();
                Path partial = entry.resolveSibling(entryName.substring(1, entryName.length() - ".deleting".length()));
                deleteIfAbandoned(entry, Path.of(partial + LOCK_SUFFIX));
            }
        }
        for (Path entry : candidates) {
            String entryName = entry.getFileName().toString();
            boolean isLock = entryName.endsWith(LOCK_SUFFIX);
            Path partial = isLock ? entry.resolveSibling(entryName.substring(0, entryName.length() - 5)) : entry;
            Path lock = isLock ? entry : Path.of(entry + LOCK_SUFFIX);
            if (isLock && Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
                continue; // handled with its partial
            }
            deleteIfAbandoned(partial, lock);
        }
    }

    private static void deleteIfAbandoned(Path partial, Path lock) throws IOException {
        if (HELD.contains(lock)) {
            return;
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(lock, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            ch = null; // a partial without a lock: its run ended before it could finish, or predates locks
        }
        try {
            FileLock taken = ch == null ? null : ch.tryLock();
            if (ch != null && taken == null) {
                return; // a running build's
            }
            if (Mounts.anyAtOrBelow(partial)) {
                System.err.println("crossroot: not deleting the stale " + partial + ": something is mounted "
                        + "inside it; unmount it, then delete it.");
                return;
            }
            Trees.delete(partial);
            Files.deleteIfExists(lock);
        } catch (OverlappingFileLockException e) {
            // held by another thread of this JVM
        } finally {
            if (ch != null) {
                ch.close();
            }
        }
    }

    private static String glob(String literal) {
        return literal.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}

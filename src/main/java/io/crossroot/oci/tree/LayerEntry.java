package io.crossroot.oci.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One file of a layer, read from a directory or a tar, before it is written.
 *
 * @param name     path relative to the root, no leading "./" or "/", no trailing "/"
 * @param inodeKey for regular files: equal keys mean hard links to one file (the first name in sorted order
 *                 carries the data); null otherwise
 * @param xattrs   extended attributes by name (security.capability, user.*), raw bytes
 */
public record LayerEntry(
        String name,
        Type type,
        int mode,
        int uid,
        int gid,
        long size,
        long mtimeSeconds,
        String linkTarget,
        int devMajor,
        int devMinor,
        SortedMap<String, byte[]> xattrs,
        String inodeKey,
        Content content) {

    public enum Type {
        DIRECTORY,
        FILE,
        HARDLINK,
        SYMLINK,
        CHAR_DEVICE,
        BLOCK_DEVICE,
        FIFO
    }

    /** Opens a file's bytes when the writer gets to it, so a layer never sits in memory. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;

        /** The file on disk that holds exactly these bytes, if there is one (a writer may then send it whole). */
        default Path file() {
            return null;
        }

        /** {@code name} in {@code tree}, its path made when the writer gets to it rather than while reading a tree. */
        static Content ofFile(Path tree, String name) {
            return new Content() {
                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file());
                }

                @Override
                public Path file() {
                    return tree.resolve(name);
                }
            };
        }
    }

    private static final SortedMap<String, byte[]> NO_XATTRS = Collections.emptySortedMap();

    public LayerEntry {
        // most entries of a tree have none: they share one empty map rather than copy one each
        xattrs = xattrs.isEmpty() ? NO_XATTRS : Collections.unmodifiableSortedMap(new TreeMap<>(xattrs));
    }

    public static SortedMap<String, byte[]> noXattrs() {
        return NO_XATTRS;
    }

    /** This file as a hard link to {@code first}, which carries the data. */
    LayerEntry asHardlinkTo(String first) {
        return new LayerEntry(name, Type.HARDLINK, mode, uid, gid, 0, mtimeSeconds, first, 0, 0, xattrs, null, null);
    }

    LayerEntry withXattrs(Map<String, byte[]> values) {
        return new LayerEntry(
                name,
                type,
                mode,
                uid,
                gid,
                size,
                mtimeSeconds,
                linkTarget,
                devMajor,
                devMinor,
                new TreeMap<>(values),
                inodeKey,
                content);
    }
}

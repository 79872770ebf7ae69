package io.crossroot.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The files of one layer, from a root filesystem directory or tar; open while the layer is written. */
public interface LayerSource extends AutoCloseable {
    /** Every entry, sorted by name, with hard links resolved (see {@link #ordered}). */
    List<LayerEntry> entries() throws IOException;

    @Override
    void close() throws IOException;

    /** A directory tree or an uncompressed tar, chosen by what {@code path} is. */
    static LayerSource of(Path path) throws IOException {
        return Files.isDirectory(path) ? DirectoryTree.open(path) : TarTree.open(path);
    }

    /**
     * Sorts by name (the layer's order must not depend on the file system's) and turns every later name of an
     * inode into a hard link to the first, so the data is stored once and extraction sees the target first.
     */
    static List<LayerEntry> ordered(List<LayerEntry> entries) {
        List<LayerEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(LayerEntry::name));
        Map<String, String> firstByInode = new HashMap<>();
        List<LayerEntry> out = new ArrayList<>(sorted.size());
        for (LayerEntry e : sorted) {
            String first = e.inodeKey() == null ? null : firstByInode.putIfAbsent(e.inodeKey(), e.name());
            out.add(first == null ? e : e.asHardlinkTo(first));
        }
        return out;
    }
}

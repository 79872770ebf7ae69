package io.crossroot.oci.tree;

import io.crossroot.toolbox.Toolbox;
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
    /**
     * The layer's order: a depth-first walk with each directory's names sorted, so a directory walk can write
     * entries as it finds them. As whole names: '/' sorts before every other character ("a", "a/b", "a-c").
     */
    Comparator<String> ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x == '/' ? -1 : y == '/' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    /** Takes entries one at a time, in layer order. */
    @FunctionalInterface
    interface EntryConsumer {
        void accept(LayerEntry entry) throws IOException;
    }

    /** Every entry, in layer order, with hard links resolved (see {@link HardLinks}). */
    List<LayerEntry> entries() throws IOException;

    /** Hands every entry of {@link #entries} to {@code consumer}; a directory does so while it walks. */
    default void forEachEntry(EntryConsumer consumer) throws IOException {
        for (LayerEntry e : entries()) {
            consumer.accept(e);
        }
    }

    @Override
    void close() throws IOException;

    /**
     * A directory tree or an uncompressed tar, chosen by what {@code path} is; a directory's extended attributes
     * are read with {@code toolbox}'s getfattr.
     */
    static LayerSource of(Path path, Toolbox toolbox) throws IOException {
        return Files.isDirectory(path) ? DirectoryTree.open(path, toolbox) : TarTree.open(path);
    }

    /** Sorts into layer order (which must not depend on the file system's) and resolves hard links. */
    static List<LayerEntry> ordered(List<LayerEntry> entries) {
        List<LayerEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(LayerEntry::name, ORDER));
        HardLinks links = new HardLinks();
        List<LayerEntry> out = new ArrayList<>(sorted.size());
        for (LayerEntry e : sorted) {
            out.add(links.resolve(e));
        }
        return out;
    }

    /**
     * Turns every later name of an inode, in layer order, into a hard link to the first, so the data is stored
     * once and extraction sees the target first.
     */
    final class HardLinks {
        private final Map<String, String> firstByInode = new HashMap<>();

        LayerEntry resolve(LayerEntry e) {
            String first = e.inodeKey() == null ? null : firstByInode.putIfAbsent(e.inodeKey(), e.name());
            return first == null ? e : e.asHardlinkTo(first);
        }
    }
}

package io.crossroot.oci.tree;

import io.crossroot.toolbox.Toolbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A root filesystem directory as layer entries: owners, modes, links, device nodes and xattrs as find and getfattr
 * (the toolbox's) see them. Both are read by one external run each, started as the tree is opened, so they run
 * side by side while the caller gets on (see {@link TreeRun}).
 */
final class DirectoryTree implements LayerSource {
    private final TreeRun<List<LayerEntry>> stat;
    private final TreeRun<Map<String, Map<String, byte[]>>> xattrs;

    private DirectoryTree(TreeRun<List<LayerEntry>> stat, TreeRun<Map<String, Map<String, byte[]>>> xattrs) {
        this.stat = stat;
        this.xattrs = xattrs;
    }

    /** {@code toolbox} has the getfattr that reads the tree's extended attributes. */
    static DirectoryTree open(Path root, Toolbox toolbox) {
        return new DirectoryTree(TreeRun.start(TreeStat.KIND, root), TreeRun.start(Xattrs.kind(toolbox), root));
    }

    @Override
    public List<LayerEntry> entries() throws IOException {
        List<LayerEntry> out = new java.util.ArrayList<>();
        forEachEntry(out::add);
        return out;
    }

    /** In layer order: depth first, each directory's names sorted. */
    @Override
    public void forEachEntry(EntryConsumer consumer) throws IOException {
        Map<String, Map<String, byte[]>> attrs = xattrs.get();
        LayerSource.HardLinks links = new LayerSource.HardLinks();
        for (LayerEntry e : stat.get()) {
            Map<String, byte[]> values = attrs.get(e.name());
            consumer.accept(links.resolve(values == null ? e : e.withXattrs(values)));
        }
    }

    @Override
    public void close() {
        stat.close();
        xattrs.close();
    }
}

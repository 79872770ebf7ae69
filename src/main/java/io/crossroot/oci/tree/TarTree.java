package io.crossroot.oci.tree;

import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An uncompressed root filesystem tar (as 'crossroot rootfs -o x.tar' writes) as layer entries. Random access
 * (TarFile) lets the entries be re-sorted without unpacking the tar.
 */
final class TarTree implements LayerSource {
    private static final String XATTR_PREFIX = "SCHILY.xattr.";

    private final Path path;
    private final TarFile tar;

    private TarTree(Path path, TarFile tar) {
        this.path = path;
        this.tar = tar;
    }

    static TarTree open(Path path) throws IOException {
        try {
            return new TarTree(path, new TarFile(path));
        } catch (IOException e) {
            throw new UserError(
                    path + " is neither a directory nor an uncompressed tar (" + e.getMessage()
                            + "). Give a root filesystem directory or a .tar as 'crossroot rootfs' writes it.",
                    e);
        }
    }

    /**
     * The tar's entries, checked as the .deb reader checks members: no absolute or '..' names, and a hard link only
     * to a regular file that comes before it (which also rules out loops and links to directories).
     */
    @Override
    public List<LayerEntry> entries() throws IOException {
        Map<String, LayerEntry> earlierFiles = new HashMap<>();
        List<LayerEntry> out = new ArrayList<>();
        for (TarArchiveEntry t : tar.getEntries()) {
            String name = ConfinedRoot.checkedName(t.getName(), path);
            if (name.isEmpty()) {
                continue;
            }
            LayerEntry e = t.isLink() ? hardLink(name, t, earlierFiles) : entry(name, t);
            if (!t.isLink() && e.type() == LayerEntry.Type.FILE) {
                earlierFiles.putIfAbsent(name, e);
            }
            out.add(e);
        }
        return LayerSource.ordered(out);
    }

    /** A hard link becomes a file of the same inode as its target; ordering picks who carries the data. */
    private LayerEntry hardLink(String name, TarArchiveEntry t, Map<String, LayerEntry> earlierFiles) {
        String target = ConfinedRoot.checkedName(t.getLinkName(), path);
        LayerEntry file = earlierFiles.get(target);
        if (file == null) {
            throw new UserError(path + ": hard link " + name + " points to " + target + ", which is not a regular "
                    + "file earlier in the tar (tar writes a file before its hard links; a link to a directory, to a "
                    + "later entry or to itself is refused). The tar is corrupt or hostile; write it again with "
                    + "'crossroot rootfs -o X.tar' or GNU tar.");
        }
        return new LayerEntry(
                name,
                LayerEntry.Type.FILE,
                file.mode(),
                file.uid(),
                file.gid(),
                file.size(),
                file.mtimeSeconds(),
                null,
                0,
                0,
                file.xattrs(),
                target,
                file.content());
    }

    private LayerEntry entry(String name, TarArchiveEntry t) {
        LayerEntry.Type type = t.isDirectory()
                ? LayerEntry.Type.DIRECTORY
                : t.isSymbolicLink()
                        ? LayerEntry.Type.SYMLINK
                        : t.isCharacterDevice()
                                ? LayerEntry.Type.CHAR_DEVICE
                                : t.isBlockDevice()
                                        ? LayerEntry.Type.BLOCK_DEVICE
                                        : t.isFIFO() ? LayerEntry.Type.FIFO : LayerEntry.Type.FILE;
        boolean file = type == LayerEntry.Type.FILE;
        boolean device = type == LayerEntry.Type.CHAR_DEVICE || type == LayerEntry.Type.BLOCK_DEVICE;
        return new LayerEntry(
                name,
                type,
                t.getMode() & 07777,
                (int) t.getLongUserId(),
                (int) t.getLongGroupId(),
                file ? t.getSize() : 0,
                t.getLastModifiedTime().toInstant().getEpochSecond(),
                t.isSymbolicLink() ? t.getLinkName() : null,
                device ? t.getDevMajor() : 0,
                device ? t.getDevMinor() : 0,
                xattrs(t),
                file ? name : null,
                file ? () -> tar.getInputStream(t) : null);
    }

    // commons-compress decodes pax values as UTF-8, so binary values survive only when they are valid UTF-8
    // (true for common capability sets); a directory source keeps every byte.
    private static TreeMap<String, byte[]> xattrs(TarArchiveEntry t) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        t.getExtraPaxHeaders().forEach((k, v) -> {
            if (k.startsWith(XATTR_PREFIX)) {
                out.put(k.substring(XATTR_PREFIX.length()), v.getBytes(StandardCharsets.UTF_8));
            }
        });
        return out;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}

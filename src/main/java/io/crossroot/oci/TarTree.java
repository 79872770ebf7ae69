package io.crossroot.oci;

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
            throw new UserError(path + " is neither a directory nor an uncompressed tar (" + e.getMessage()
                    + "). Give a root filesystem directory or a .tar as 'crossroot rootfs' writes it.", e);
        }
    }

    @Override
    public List<LayerEntry> entries() throws IOException {
        Map<String, TarArchiveEntry> byName = new HashMap<>();
        for (TarArchiveEntry t : tar.getEntries()) {
            byName.put(normalize(t.getName()), t);
        }
        List<LayerEntry> out = new ArrayList<>();
        for (TarArchiveEntry t : tar.getEntries()) {
            String name = normalize(t.getName());
            if (!name.isEmpty()) {
                out.add(entry(name, t, byName));
            }
        }
        return LayerSource.ordered(out);
    }

    private LayerEntry entry(String name, TarArchiveEntry t, Map<String, TarArchiveEntry> byName) {
        if (t.isLink()) {
            // A hard link becomes a file of the same inode as its target; ordering picks who carries the data.
            String target = normalize(t.getLinkName());
            TarArchiveEntry data = byName.get(target);
            if (data == null) {
                throw new UserError(path + ": hard link " + name + " points to " + target + ", which the tar lacks.");
            }
            LayerEntry file = entry(target, data, byName);
            return new LayerEntry(name, LayerEntry.Type.FILE, file.mode(), file.uid(), file.gid(), file.size(),
                    file.mtimeSeconds(), null, 0, 0, file.xattrs(), target, file.content());
        }
        LayerEntry.Type type = t.isDirectory() ? LayerEntry.Type.DIRECTORY
                : t.isSymbolicLink() ? LayerEntry.Type.SYMLINK
                : t.isCharacterDevice() ? LayerEntry.Type.CHAR_DEVICE
                : t.isBlockDevice() ? LayerEntry.Type.BLOCK_DEVICE
                : t.isFIFO() ? LayerEntry.Type.FIFO
                : LayerEntry.Type.FILE;
        boolean file = type == LayerEntry.Type.FILE;
        boolean device = type == LayerEntry.Type.CHAR_DEVICE || type == LayerEntry.Type.BLOCK_DEVICE;
        return new LayerEntry(name, type, t.getMode() & 07777, (int) t.getLongUserId(), (int) t.getLongGroupId(),
                file ? t.getSize() : 0, t.getLastModifiedTime().toInstant().getEpochSecond(),
                t.isSymbolicLink() ? t.getLinkName() : null, device ? t.getDevMajor() : 0, device ? t.getDevMinor() : 0,
                xattrs(t), file ? name : null, file ? () -> tar.getInputStream(t) : null);
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

    static String normalize(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("./") ? 2 : 1);
        }
        if (n.equals(".")) {
            n = "";
        }
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}

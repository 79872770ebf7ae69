package io.crossroot.oci.tree;

import io.crossroot.arch.Arch;
import io.crossroot.toolbox.Toolbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layer sources of several root filesystems, by architecture, opened together and closed together. Opening a
 * directory starts reading its metadata and extended attributes (a find and a getfattr run), so a caller opens them
 * as early as it can.
 */
public final class LayerSources implements AutoCloseable {
    private final Map<Arch, LayerSource> byArch;

    private LayerSources(Map<Arch, LayerSource> byArch) {
        this.byArch = Collections.unmodifiableMap(byArch);
    }

    /** {@code toolbox} has the getfattr that reads directories' extended attributes. */
    public static LayerSources open(Map<Arch, Path> rootfsByArch, Toolbox toolbox) throws IOException {
        Map<Arch, LayerSource> opened = new LinkedHashMap<>();
        try {
            for (Map.Entry<Arch, Path> e : rootfsByArch.entrySet()) {
                opened.put(e.getKey(), LayerSource.of(e.getValue(), toolbox));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(opened.values());
            throw e;
        }
        return new LayerSources(opened);
    }

    /** In the order the trees were given. */
    public Map<Arch, LayerSource> byArch() {
        return byArch;
    }

    @Override
    public void close() throws IOException {
        closeAll(byArch.values());
    }

    private static void closeAll(Iterable<LayerSource> sources) throws IOException {
        IOException failed = null;
        for (LayerSource source : sources) {
            try {
                source.close();
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}

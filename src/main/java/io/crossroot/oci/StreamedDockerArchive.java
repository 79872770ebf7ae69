package io.crossroot.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.crossroot.arch.Arch;
import io.crossroot.oci.tree.LayerEntry;
import io.crossroot.oci.tree.LayerSource;
import io.crossroot.util.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes root filesystems straight into a docker-archive stream, for a local load in one pass: no blob is staged
 * on disk, and layers stay uncompressed (the engine unpacks them at once, so compressing only costs time). Each
 * layer tar goes into its archive entry while its diff id is hashed; the configs (which need the diff id) and
 * manifest.json come last, which 'docker load' accepts because it unpacks the whole archive before reading it.
 */
public final class StreamedDockerArchive {

    private final ImageConfig config;
    private final BuildOptions options;

    public StreamedDockerArchive(ImageConfig config, BuildOptions options) {
        this.config = config;
        this.options = options;
    }

    /** A layer as the engine knows it: the diff id of its uncompressed tar, and the epoch of its mtimes. */
    public record Layer(Digest diffId, long epoch) {}

    /** Returns the tags the archive gives (see {@link DockerArchive#tagFor}). */
    public List<ImageReference> write(Map<Arch, LayerSource> sourceByArch, ImageReference name, OutputStream out)
            throws IOException {
        TarArchiveOutputStream tar = DockerArchive.newTar(out);
        Map<Arch, Layer> layers = new LinkedHashMap<>();
        for (Map.Entry<Arch, LayerSource> e : sourceByArch.entrySet()) {
            List<LayerEntry> entries = e.getValue().entries();
            OptionalLong clamp = options.sourceDateEpoch();
            tar.putArchiveEntry(DockerArchive.entry(layerPath(e.getKey()), LayerTarWriter.size(entries, clamp)));
            HashingOutputStream layer = new HashingOutputStream(tar); // LayerTarWriter finishes, never closes it
            long newest = LayerTarWriter.write(entries, clamp, layer);
            tar.closeArchiveEntry(); // fails if the layer's length differs from the size announced
            layers.put(e.getKey(), new Layer(layer.digest(), options.epoch(newest)));
        }
        List<ImageReference> tags = writeConfigs(layers, name, tar);
        tar.finish();
        return tags;
    }

    /**
     * Writes {@code source} as one uncompressed layer tar (what {@link #write} puts in the archive) to {@code out},
     * which stays open, for an engine that takes the layer on its own (Docker's import), and returns the epoch of
     * its mtimes. Entries go out as the source walks them, and file bytes by sendfile when {@code out} can take
     * them so. The engine hashes the tar as it takes it, so this does not: its diff id comes from the engine, and
     * {@link #writeWithoutLayers} then names the layer.
     */
    public long writeLayer(LayerSource source, OutputStream out) throws IOException {
        return options.epoch(LayerTarWriter.write(source, options.sourceDateEpoch(), out));
    }

    /** The layers' diff ids and epochs, once the engine holds them; waiting for them may fail. */
    @FunctionalInterface
    public interface PendingLayers {
        Map<Arch, Layer> await() throws IOException;
    }

    /**
     * A docker-archive with the configs and manifest only, for layers the engine already holds: 'docker load'
     * looks a layer up by its chain id before it opens the layer's file, so the file may be absent.
     * <p>
     * The configs name the layers' diff ids, which are known only once the layers are in; the archive can go out
     * before that all the same. It opens with the layers' directories and waits for {@code pending}: the engine
     * unpacks a load as it arrives, so its start-up (a helper process per load) is over by the time the rest
     * comes. Measured on Docker 20.10: the load then ends 12 ms after its last byte instead of 90 ms.
     */
    public List<ImageReference> writeWithoutLayers(
            Collection<Arch> arches, PendingLayers pending, ImageReference name, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = DockerArchive.newTar(out);
        for (Arch arch : arches) {
            tar.putArchiveEntry(DockerArchive.directoryEntry(layerDirectory(arch)));
            tar.closeArchiveEntry();
        }
        tar.flush();
        out.flush(); // the tar's flush stops at its own buffer
        List<ImageReference> tags = writeConfigs(pending.await(), name, tar);
        tar.finish();
        return tags;
    }

    private List<ImageReference> writeConfigs(Map<Arch, Layer> layers, ImageReference name, TarArchiveOutputStream tar)
            throws IOException {
        ArrayNode manifest = Json.array();
        List<ImageReference> tags = new ArrayList<>();
        for (Map.Entry<Arch, Layer> e : layers.entrySet()) {
            Arch arch = e.getKey();
            byte[] cfg = OciJson.config(
                    arch, config, e.getValue().diffId(), e.getValue().epoch(), OciImageWriter.CREATED_BY);
            String cfgPath = Digest.of(cfg).blobPath();
            DockerArchive.put(tar, cfgPath, cfg);
            ImageReference tag = DockerArchive.tagFor(name, arch, layers.size());
            DockerArchive.addManifestEntry(manifest, cfgPath, tag, List.of(layerPath(arch)));
            tags.add(tag);
        }
        DockerArchive.put(tar, "manifest.json", Json.bytes(manifest));
        return tags;
    }

    private static String layerPath(Arch arch) {
        return layerDirectory(arch) + "/layer.tar";
    }

    private static String layerDirectory(Arch arch) {
        return arch.debian();
    }
}

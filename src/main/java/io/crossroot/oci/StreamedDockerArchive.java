package io.crossroot.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.crossroot.arch.Arch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes root filesystems straight into a docker-archive stream, for a local load in one pass: no blob is staged
 * on disk, and layers stay uncompressed (the engine unpacks them at once, so compressing only costs time). Each
 * layer tar goes into its archive entry while its diff id is hashed; the configs (which need the diff id) and
 * manifest.json come last, which 'docker load' accepts because it unpacks the whole archive before reading it.
 */
public final class StreamedDockerArchive {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageConfig config;
    private final BuildOptions options;

    public StreamedDockerArchive(ImageConfig config, BuildOptions options) {
        this.config = config;
        this.options = options;
    }

    /** Returns the tags the archive gives (see {@link DockerArchive#tagFor}). */
    public List<ImageReference> write(Map<Arch, Path> rootfsByArch, ImageReference name, OutputStream out)
            throws IOException {
        TarArchiveOutputStream tar = DockerArchive.newTar(out);
        ArrayNode manifest = JSON.createArrayNode();
        List<ImageReference> tags = new ArrayList<>();
        for (Map.Entry<Arch, Path> e : rootfsByArch.entrySet()) {
            Arch arch = e.getKey();
            String layerPath = arch.debian() + "/layer.tar";
            Digest diffId;
            long epoch;
            try (LayerSource source = LayerSource.of(e.getValue())) {
                List<LayerEntry> entries = source.entries();
                epoch = options.epochFor(entries);
                tar.putArchiveEntry(DockerArchive.entry(layerPath, LayerTarWriter.size(entries, epoch)));
                HashingOutputStream layer = new HashingOutputStream(tar); // LayerTarWriter finishes, never closes it
                LayerTarWriter.write(entries, epoch, layer);
                tar.closeArchiveEntry(); // fails if the layer's length differs from the size announced
                diffId = layer.digest();
            }
            byte[] cfg = OciJson.config(arch, config, diffId, epoch, OciImageWriter.CREATED_BY);
            String cfgPath = Digest.of(cfg).blobPath();
            DockerArchive.put(tar, cfgPath, cfg);
            ImageReference tag = DockerArchive.tagFor(name, arch, rootfsByArch.size());
            DockerArchive.addManifestEntry(manifest, cfgPath, tag, List.of(layerPath));
            tags.add(tag);
        }
        DockerArchive.put(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        tar.finish();
        return tags;
    }
}

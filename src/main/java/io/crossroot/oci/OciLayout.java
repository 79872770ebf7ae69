package io.crossroot.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.Json;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/** Reads an OCI image layout, from a directory or an uncompressed tar of one, down to its per-platform images. */
public final class OciLayout implements AutoCloseable {
    static final String MARKER = "oci-layout";
    static final String INDEX = "index.json";

    /** One platform's image: its name from the annotations (may be null), config and layers. */
    public record Image(
            ImageReference name, Arch arch, Digest config, List<Digest> layers, List<String> layerMediaTypes) {
        public boolean hasZstdLayers() {
            return layerMediaTypes.stream().anyMatch(t -> t.endsWith("+zstd"));
        }
    }

    private final Path path;
    private final LayoutFiles files;
    private final java.util.Set<Digest> reachable = new java.util.LinkedHashSet<>();

    private OciLayout(Path path, LayoutFiles files) {
        this.path = path;
        this.files = files;
    }

    public static OciLayout open(Path dirOrTar) throws IOException {
        LayoutFiles files = Files.isDirectory(dirOrTar) ? new DirFiles(dirOrTar) : TarFiles.open(dirOrTar);
        if (!files.exists(MARKER)) {
            files.close();
            throw new UserError(dirOrTar + " is not an OCI image layout (it has no " + MARKER + " file). Give a "
                    + "directory written by 'crossroot image build', or a tar of one.");
        }
        return new OciLayout(dirOrTar, files);
    }

    /** Whether a tar holds an OCI layout (rather than only a docker-archive). */
    public static boolean isLayoutTar(Path tar) throws IOException {
        try (TarFiles t = TarFiles.open(tar)) {
            return t.exists(MARKER);
        }
    }

    /** Every platform image the layout's index.json names, nested indexes resolved. */
    public List<Image> images() throws IOException {
        List<Image> out = new ArrayList<>();
        for (JsonNode d : json(files.read(INDEX)).path("manifests")) {
            if (d.hasNonNull("artifactType")) {
                collectArtifact(d); // an attachment (an SBOM referring to an image), no image itself
                continue;
            }
            String ref = d.path("annotations").path(OciJson.CONTAINERD_NAME).asText(null);
            collect(d, ref == null ? null : ImageReference.parse(ref), out);
        }
        return out;
    }

    private void collect(JsonNode descriptor, ImageReference name, List<Image> out) throws IOException {
        Digest digest = Digest.parse(descriptor.path("digest").asText());
        reachable.add(digest);
        JsonNode doc = json(readBlob(digest));
        if (OciJson.INDEX.equals(descriptor.path("mediaType").asText()) || doc.has("manifests")) {
            for (JsonNode m : doc.path("manifests")) {
                collect(m, name, out);
            }
            return;
        }
        Digest config = Digest.parse(doc.path("config").path("digest").asText());
        JsonNode cfg = json(readBlob(config));
        String platform = cfg.path("architecture").asText()
                + (cfg.hasNonNull("variant") ? "/" + cfg.path("variant").asText() : "");
        List<Digest> layers = new ArrayList<>();
        List<String> types = new ArrayList<>();
        doc.path("layers").forEach(l -> {
            layers.add(Digest.parse(l.path("digest").asText()));
            types.add(l.path("mediaType").asText());
        });
        reachable.add(config);
        reachable.addAll(layers);
        out.add(new Image(name, ArchCatalog.require(platform), config, layers, types));
    }

    private void collectArtifact(JsonNode descriptor) throws IOException {
        Digest digest = Digest.parse(descriptor.path("digest").asText());
        JsonNode doc = json(readBlob(digest));
        reachable.add(digest);
        reachable.add(Digest.parse(doc.path("config").path("digest").asText()));
        doc.path("layers")
                .forEach(l -> reachable.add(Digest.parse(l.path("digest").asText())));
    }

    /** Every blob {@link #images()} visited: indexes, manifests, configs, layers. */
    public java.util.Set<Digest> reachableBlobs() throws IOException {
        if (reachable.isEmpty()) {
            images();
        }
        return java.util.Collections.unmodifiableSet(reachable);
    }

    /** The layout's own index.json, byte for byte. */
    public byte[] indexJson() throws IOException {
        return files.read(INDEX);
    }

    public byte[] readBlob(Digest d) throws IOException {
        return files.read(d.blobPath());
    }

    public InputStream openBlob(Digest d) throws IOException {
        return files.open(d.blobPath());
    }

    public long blobSize(Digest d) throws IOException {
        return files.size(d.blobPath());
    }

    private JsonNode json(byte[] bytes) {
        try {
            return Json.read(bytes);
        } catch (IOException e) {
            throw new UserError(path + " holds malformed JSON (" + e.getMessage() + "); rebuild the image.", e);
        }
    }

    @Override
    public void close() throws IOException {
        files.close();
    }

    /** The layout's files by relative path, whether they lie in a directory or a tar. */
    private interface LayoutFiles extends AutoCloseable {
        boolean exists(String p);

        InputStream open(String p) throws IOException;

        long size(String p) throws IOException;

        default byte[] read(String p) throws IOException {
            try (InputStream in = open(p)) {
                return in.readAllBytes();
            }
        }

        @Override
        void close() throws IOException;
    }

    private record DirFiles(Path root) implements LayoutFiles {
        public boolean exists(String p) {
            return Files.exists(root.resolve(p));
        }

        public InputStream open(String p) throws IOException {
            return Files.newInputStream(root.resolve(p));
        }

        public long size(String p) throws IOException {
            return Files.size(root.resolve(p));
        }

        public void close() {}
    }

    private static final class TarFiles implements LayoutFiles {
        private final TarFile tar;
        private final Map<String, TarArchiveEntry> entries = new HashMap<>();

        private TarFiles(Path p, TarFile tar) {
            this.tar = tar;
            tar.getEntries().forEach(e -> entries.put(ConfinedRoot.checkedName(e.getName(), p), e));
        }

        static TarFiles open(Path p) throws IOException {
            return new TarFiles(p, new TarFile(p));
        }

        public boolean exists(String p) {
            return entries.containsKey(p);
        }

        public InputStream open(String p) throws IOException {
            TarArchiveEntry e = entries.get(p);
            if (e == null) {
                throw new java.nio.file.NoSuchFileException(p);
            }
            return tar.getInputStream(e);
        }

        public long size(String p) throws IOException {
            TarArchiveEntry e = entries.get(p);
            if (e == null) {
                throw new java.nio.file.NoSuchFileException(p);
            }
            return e.getSize();
        }

        public void close() throws IOException {
            tar.close();
        }
    }
}

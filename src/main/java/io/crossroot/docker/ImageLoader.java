package io.crossroot.docker;

import io.crossroot.arch.Arch;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.DockerArchive;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.Digest;
import io.crossroot.oci.StreamedDockerArchive;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.OciLayout;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads an OCI layout (directory or tar) or a docker-archive tar into the engine. A layout is streamed as a
 * docker-archive, which every Docker and Podman version loads; each platform of a multi-platform image gets
 * its own tag there (see {@link DockerArchive#tagsFor}).
 */
public final class ImageLoader {
    private final DockerClient docker;

    public ImageLoader(DockerClient docker) {
        this.docker = docker;
    }

    // Docker before 23 cannot decompress zstd layers ("archive/tar: invalid tar header" after loading).
    private void requireReadableLayers(OciLayout layout, Path source) throws IOException {
        boolean zstd = layout.images().stream().anyMatch(OciLayout.Image::hasZstdLayers);
        String version = docker.version();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Engine (\\d+)\\.").matcher(version);
        if (zstd && m.find() && Integer.parseInt(m.group(1)) < 23) {
            throw new UserError(source + " has zstd-compressed layers, which this engine (" + version + ") cannot "
                    + "read; Docker reads them from version 23 on. Rebuild with --compression gzip (the default).");
        }
    }

    /**
     * Loads root filesystems (by architecture) as one image named {@code name}, streamed straight from the trees
     * (see {@link StreamedDockerArchive}); returns the names the engine reports.
     * <p>
     * Docker's load first copies the whole archive to a temporary directory and only then unpacks the layer: two
     * passes over the tree. Its import unpacks as the bytes arrive but cannot set the architecture. So on Docker
     * each layer goes in by import, and a load of configs and manifest alone (the layers it names are found by
     * diff id) gives the image its platform, Env, Cmd and tag; the imported placeholder images are removed.
     * Other engines (Podman) get the one-pass archive.
     */
    public List<String> loadTrees(Map<Arch, Path> rootfsByArch, ImageConfig config, BuildOptions options,
            ImageReference name) throws IOException {
        StreamedDockerArchive archive = new StreamedDockerArchive(config, options);
        if (docker.version().contains("Podman")) {
            return docker.loadImage(out -> archive.write(rootfsByArch, name, out));
        }
        Map<Arch, StreamedDockerArchive.Layer> layers = new LinkedHashMap<>();
        List<String> placeholders = new ArrayList<>();
        try {
            for (Map.Entry<Arch, Path> e : rootfsByArch.entrySet()) {
                long[] epoch = new long[1];
                String id = docker.importImage(out -> epoch[0] = archive.writeLayer(e.getValue(), out));
                placeholders.add(id);
                List<String> diffIds = docker.inspectImage(id).map(ImageInfo::layers).orElse(List.of());
                if (diffIds.size() != 1) {
                    throw new EngineError("import a layer", 0, "the imported image " + id + " has " + diffIds.size()
                            + " layers, not one");
                }
                layers.put(e.getKey(), new StreamedDockerArchive.Layer(Digest.parse(diffIds.get(0)), epoch[0]));
            }
            return docker.loadImage(out -> archive.writeWithoutLayers(layers, name, out));
        } finally {
            for (String id : placeholders) {
                try {
                    docker.removeImage(id); // its layer stays: the loaded image holds it too
                } catch (IOException | RuntimeException e) {
                    // an untagged leftover at worst; never hide the load's own outcome
                }
            }
        }
    }

    /** Returns the names the engine reports; {@code tag} (may be null) renames the image. */
    public List<String> load(Path source, ImageReference tag) throws IOException {
        if (!Files.exists(source)) {
            throw new UserError(source + " does not exist. Give an OCI layout directory from 'crossroot image build' "
                    + "or an image tar.");
        }
        if (Files.isDirectory(source) || OciLayout.isLayoutTar(source)) {
            try (OciLayout layout = OciLayout.open(source)) {
                requireReadableLayers(layout, source);
                return docker.loadImage(out -> DockerArchive.write(layout, tag, out));
            }
        }
        if (tag != null) {
            throw new UserError(source + " is a docker-archive without an OCI layout inside, so crossroot cannot "
                    + "rename it; load it without --tag and use 'docker tag'.");
        }
        return docker.loadImage(out -> Files.copy(source, out));
    }
}

package io.crossroot.oci;

import io.crossroot.arch.Arch;
import io.crossroot.oci.tree.LayerSource;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.PartialDirectory;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes root filesystems (one per architecture, a directory or a tar each) as a single-layer OCI image layout:
 * blobs, one manifest per architecture, and for several architectures an image index, named by one tag.
 */
public final class OciImageWriter {
    static final String CREATED_BY = "crossroot image build";
    private static final byte[] LAYOUT_VERSION = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    private final ImageConfig config;
    private final BuildOptions options;
    private final Toolbox toolbox;

    /** {@code toolbox} has the getfattr that reads the trees' extended attributes. */
    public OciImageWriter(ImageConfig config, BuildOptions options, Toolbox toolbox) {
        this.config = config;
        this.options = options;
        this.toolbox = toolbox;
    }

    /** Writes {@code rootfsByArch} (iteration order kept in the index) to the layout directory {@code output}. */
    public WrittenImage write(Map<Arch, Path> rootfsByArch, ImageReference reference, Path output) throws IOException {
        requireReplaceable(output);
        try (PartialDirectory staged = PartialDirectory.beside(output)) {
            Path blobs = staged.path().resolve("blobs/sha256");
            List<PlatformImage> images = new ArrayList<>();
            for (Map.Entry<Arch, Path> e : rootfsByArch.entrySet()) {
                images.add(writeOne(e.getKey(), e.getValue(), blobs));
            }
            Descriptor top = images.size() == 1
                    ? images.get(0).manifest().withPlatform(images.get(0).arch())
                    : writeBlob(
                            blobs,
                            OciJson.INDEX,
                            OciJson.index(images.stream()
                                    .map(i -> i.manifest().withPlatform(i.arch()))
                                    .toList()));
            top = top.withAnnotation(OciJson.REF_NAME, reference.tag())
                    .withAnnotation(OciJson.CONTAINERD_NAME, reference.toString());
            Files.write(staged.path().resolve(OciLayout.MARKER), LAYOUT_VERSION);
            Files.write(staged.path().resolve(OciLayout.INDEX), OciJson.index(List.of(top)));
            staged.commit();
            return new WrittenImage(output.toAbsolutePath().normalize(), reference, top, images);
        }
    }

    private PlatformImage writeOne(Arch arch, Path rootfs, Path blobs) throws IOException {
        LayerWriter.Written written;
        try (LayerSource source = LayerSource.of(rootfs, toolbox)) {
            written = LayerWriter.write(source, options.sourceDateEpoch(), options.compression(), blobs);
        }
        LayerBlob layer = written.blob();
        long epoch = options.epoch(written.newestMtime());
        Descriptor cfg =
                writeBlob(blobs, OciJson.CONFIG, OciJson.config(arch, config, layer.diffId(), epoch, CREATED_BY));
        Descriptor manifest = writeBlob(blobs, OciJson.MANIFEST, OciJson.manifest(cfg, List.of(layer.descriptor())));
        return new PlatformImage(arch, manifest, cfg, layer.descriptor());
    }

    static Descriptor writeBlob(Path blobs, String mediaType, byte[] content) throws IOException {
        Digest d = Digest.of(content);
        Files.createDirectories(blobs);
        Files.write(blobs.resolve(d.hex()), content);
        return Descriptor.of(mediaType, d, content.length);
    }

    /** An older OCI layout at {@code output} is replaced; any other non-empty directory or file is refused. */
    private static void requireReplaceable(Path output) throws IOException {
        if (!Files.exists(output) || Files.exists(output.resolve(OciLayout.MARKER))) {
            return;
        }
        boolean empty = false;
        if (Files.isDirectory(output)) {
            try (Stream<Path> s = Files.list(output)) {
                empty = s.findAny().isEmpty();
            }
        }
        if (!empty) {
            throw new UserError(output.toAbsolutePath() + " exists and is neither empty nor an OCI image layout; "
                    + "crossroot will not overwrite it. Choose another output directory or delete it first.");
        }
    }
}

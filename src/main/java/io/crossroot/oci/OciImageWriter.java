package io.crossroot.oci;

import io.crossroot.arch.Arch;
import io.crossroot.oci.tree.LayerSource;
import io.crossroot.sbom.SbomFormat;
import io.crossroot.sbom.SpdxDocument;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.PartialDirectory;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes root filesystems (one per architecture, a directory or a tar each) as a single-layer OCI image layout:
 * blobs, one manifest per architecture, and for several architectures an image index, named by one tag. The
 * software inventory a root carries is attached to its platform's manifest as an OCI 1.1 referrer.
 */
public final class OciImageWriter {
    static final String CREATED_BY = "crossroot image build";
    private static final byte[] LAYOUT_VERSION = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);

    /** Far beyond the SPDX document of any real root (a few MiB for thousands of packages). */
    private static final int SBOM_LIMIT = 256 << 20;

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
            List<Map.Entry<Descriptor, String>> attached = new ArrayList<>();
            for (PlatformImage image : images) {
                sbomReferrer(rootfsByArch.get(image.arch()), image.manifest(), blobs)
                        .ifPresent(m -> attached.add(Map.entry(m, SpdxDocument.MEDIA_TYPE)));
            }
            Files.write(staged.path().resolve(OciLayout.MARKER), LAYOUT_VERSION);
            Files.write(staged.path().resolve(OciLayout.INDEX), OciJson.index(List.of(top), attached));
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

    /**
     * The manifest of the software inventory a root crossroot built carries (usr/share/doc/crossroot), written as
     * an OCI 1.1 referrer of the platform's image manifest; empty for a tar or a root without one.
     */
    private static Optional<Descriptor> sbomReferrer(Path rootfs, Descriptor imageManifest, Path blobs)
            throws IOException {
        if (!Files.isDirectory(rootfs)) {
            return Optional.empty();
        }
        Optional<Path> sbom = ConfinedRoot.resolve(rootfs, SbomFormat.SPDX.rootPath());
        if (sbom.isEmpty() || !Files.isRegularFile(sbom.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        byte[] document;
        try (InputStream in = ConfinedRoot.openRegular(sbom.get())) {
            document = in.readNBytes(SBOM_LIMIT);
            if (in.read() >= 0) {
                throw new UserError(rootfs + "/" + SbomFormat.SPDX.rootPath() + " is larger than "
                        + (SBOM_LIMIT >> 20) + " MiB, far beyond the inventory of any root; the tree is damaged. "
                        + "Delete that file or rebuild the root.");
            }
        }
        Descriptor empty = writeBlob(blobs, OciJson.EMPTY, OciJson.EMPTY_CONTENT);
        Descriptor layer = writeBlob(blobs, SpdxDocument.MEDIA_TYPE, document);
        return Optional.of(writeBlob(
                blobs,
                OciJson.MANIFEST,
                OciJson.artifactManifest(SpdxDocument.MEDIA_TYPE, empty, layer, imageManifest)));
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

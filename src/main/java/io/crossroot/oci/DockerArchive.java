package io.crossroot.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an OCI layout as a tar that is also a docker-archive ('docker save' format: manifest.json and
 * repositories beside the blobs), so 'docker load' of any version, skopeo (oci-archive: and docker-archive:) and
 * umoci all read the same file.
 *
 * <p>Docker's classic image store keeps one platform per tag, so every platform image gets a tag of its own
 * (see {@link #tagsFor}); the OCI index inside keeps the true multi-platform image under one name.
 */
public final class DockerArchive {
    private DockerArchive() {}

    /**
     * The tag each platform image gets in a Docker engine: {@code name} itself for a single platform, else
     * NAME:TAG-ARCH (e.g. demo:1.0-arm64). {@code name} null: the layout's own name; absent too: untagged.
     */
    public static Map<OciLayout.Image, ImageReference> tagsFor(List<OciLayout.Image> images, ImageReference name) {
        Map<OciLayout.Image, ImageReference> out = new LinkedHashMap<>();
        for (OciLayout.Image i : images) {
            ImageReference n = name != null ? name : i.name();
            if (n != null) {
                out.put(i, tagFor(n, i.arch(), images.size()));
            }
        }
        return out;
    }

    /** {@code name} for the only platform, else NAME:TAG-ARCH: Docker's store keeps one platform per tag. */
    static ImageReference tagFor(ImageReference name, io.crossroot.arch.Arch arch, int platforms) {
        return platforms == 1 ? name : name.forArch(arch);
    }

    static TarArchiveOutputStream newTar(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return tar;
    }

    public static void write(OciLayout layout, ImageReference name, OutputStream out) throws IOException {
        List<OciLayout.Image> images = layout.images();
        Map<OciLayout.Image, ImageReference> tags = tagsFor(images, name);
        TarArchiveOutputStream tar = newTar(out);
        put(tar, OciLayout.MARKER, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        put(tar, OciLayout.INDEX, layout.indexJson());
        put(tar, "manifest.json", Json.bytes(manifest(images, tags)));
        put(tar, "repositories", Json.bytes(repositories(tags)));
        for (Digest d : layout.reachableBlobs()) {
            TarArchiveEntry e = entry(d.blobPath(), layout.blobSize(d));
            tar.putArchiveEntry(e);
            try (InputStream in = layout.openBlob(d)) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    private static ArrayNode manifest(List<OciLayout.Image> images, Map<OciLayout.Image, ImageReference> tags) {
        ArrayNode a = Json.array();
        for (OciLayout.Image i : images) {
            addManifestEntry(
                    a,
                    i.config().blobPath(),
                    tags.get(i),
                    i.layers().stream().map(Digest::blobPath).toList());
        }
        return a;
    }

    /** One image of manifest.json: its config and layer tars (paths inside the archive) and its tag (may be null). */
    static void addManifestEntry(ArrayNode manifest, String configPath, ImageReference tag, List<String> layerPaths) {
        ObjectNode m = manifest.addObject();
        m.put("Config", configPath);
        ArrayNode repoTags = m.putArray("RepoTags");
        if (tag != null) {
            repoTags.add(tag.toString());
        }
        layerPaths.forEach(m.putArray("Layers")::add);
    }

    // The pre-1.10 format's name -> tag -> top layer id; still written by 'docker save'.
    private static ObjectNode repositories(Map<OciLayout.Image, ImageReference> tags) {
        ObjectNode r = Json.object();
        tags.forEach((image, ref) -> {
            ObjectNode repo =
                    r.has(ref.repository()) ? (ObjectNode) r.get(ref.repository()) : r.putObject(ref.repository());
            repo.put(ref.tag(), image.layers().get(image.layers().size() - 1).hex());
        });
        return r;
    }

    static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        tar.putArchiveEntry(entry(name, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static TarArchiveEntry directoryEntry(String name) {
        return anonymous(new TarArchiveEntry(name + "/", true), 040755);
    }

    static TarArchiveEntry entry(String name, long size) {
        TarArchiveEntry e = anonymous(new TarArchiveEntry(name, true), 0100644);
        e.setSize(size);
        return e;
    }

    /** No owner names and the epoch as mtime: the archive's bytes depend only on what it holds. */
    private static TarArchiveEntry anonymous(TarArchiveEntry e, int mode) {
        e.setMode(mode);
        e.setUserName("");
        e.setGroupName("");
        e.setModTime(FileTime.fromMillis(0));
        return e;
    }

    /**
     * Writes the OCI layout in directory {@code layoutDir} to {@code file} as a docker-archive, whole or not at all,
     * and returns the tags 'docker load' gives its images.
     */
    public static List<String> writeFile(Path layoutDir, Path file) throws IOException {
        try (OciLayout layout = OciLayout.open(layoutDir);
                AtomicOutput out = AtomicOutput.open(file)) {
            write(layout, null, out.stream());
            out.commit();
            return tagNames(layout, null);
        }
    }

    /** The names {@link #write} gives, in the layout's order, for messages. */
    public static List<String> tagNames(OciLayout layout, ImageReference name) throws IOException {
        return new ArrayList<>(tagsFor(layout.images(), name).values().stream()
                .map(ImageReference::toString)
                .toList());
    }
}

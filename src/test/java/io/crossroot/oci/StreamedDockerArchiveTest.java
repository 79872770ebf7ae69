package io.crossroot.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.oci.tree.LayerSource;
import io.crossroot.testing.SampleTree;
import io.crossroot.toolbox.TestToolbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-pass docker-archive holds exactly the layers and configs the OCI layout would; needs root (SampleTree). */
class StreamedDockerArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImageConfig CONFIG = new ImageConfig(List.of("A=1"), List.of("/bin/sh"), "/", Map.of());
    private static final BuildOptions NONE = new BuildOptions(LayerCompression.NONE, OptionalLong.of(1_500_000_000L));

    @TempDir
    Path tmp;

    @Test
    void layersAndConfigsMatchTheLayoutAndManifestComesLast() throws Exception {
        assumeThat(System.getProperty("user.name"))
                .as("mknod, chown and setcap need root")
                .isEqualTo("root");
        Path program = Files.writeString(tmp.resolve("program"), "not really busybox\n");
        Path tree = SampleTree.create(tmp.resolve("tree"), program);
        Map<Arch, Path> roots = new LinkedHashMap<>();
        roots.put(ArchCatalog.require("riscv64"), tree);
        roots.put(ArchCatalog.require("arm64"), tree);
        ImageReference name = ImageReference.parse("sample:1.0");

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        List<ImageReference> tags;
        try (LayerSource first = LayerSource.of(tree, TestToolbox.forImages());
                LayerSource second = LayerSource.of(tree, TestToolbox.forImages())) {
            Map<Arch, LayerSource> sources = new LinkedHashMap<>();
            sources.put(ArchCatalog.require("riscv64"), first);
            sources.put(ArchCatalog.require("arm64"), second);
            tags = new StreamedDockerArchive(CONFIG, NONE).write(sources, name, archive);
        }
        WrittenImage layout =
                new OciImageWriter(CONFIG, NONE, TestToolbox.forImages()).write(roots, name, tmp.resolve("oci"));

        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(tags).extracting(ImageReference::toString).containsExactly("sample:1.0-riscv64", "sample:1.0-arm64");
        assertThat(List.copyOf(entries.keySet()).get(entries.size() - 1)).isEqualTo("manifest.json");
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        for (int i = 0; i < 2; i++) {
            PlatformImage expected = layout.images().get(i);
            JsonNode m = manifest.get(i);
            assertThat(m.get("RepoTags").get(0).asText()).isEqualTo(tags.get(i).toString());
            // Same config bytes as the layout's: the engine's image id is the layout's config digest.
            assertThat(m.get("Config").asText())
                    .isEqualTo(expected.config().digest().blobPath());
            byte[] layer = entries.get(m.get("Layers").get(0).asText());
            assertThat(Digest.of(layer)).isEqualTo(expected.layer().digest()); // uncompressed: blob = diff id
        }
    }

    @Test
    void configArchiveOpensWithTheLayerDirectoriesBeforeTheLayersAreKnown() throws Exception {
        Arch riscv64 = ArchCatalog.require("riscv64");
        Arch arm64 = ArchCatalog.require("arm64");
        Digest diffId = Digest.of("a layer".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream[] flushed = {new ByteArrayOutputStream()};
        java.io.OutputStream engine = new java.io.FilterOutputStream(sent) {
            @Override
            public void flush() {
                flushed[0] = new ByteArrayOutputStream();
                flushed[0].writeBytes(sent.toByteArray());
            }
        };
        List<String> seenBeforeLayers = new java.util.ArrayList<>();
        List<ImageReference> tags = new StreamedDockerArchive(CONFIG, NONE)
                .writeWithoutLayers(
                        List.of(riscv64, arm64),
                        () -> {
                            // what the engine holds while the imports run: whole entries, sent, and nothing else
                            try (TarArchiveInputStream in =
                                    new TarArchiveInputStream(new ByteArrayInputStream(flushed[0].toByteArray()))) {
                                for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                                    seenBeforeLayers.add(e.getName() + (e.isDirectory() ? " dir" : ""));
                                }
                            }
                            assertThat(sent.size()).isEqualTo(flushed[0].size());
                            Map<Arch, StreamedDockerArchive.Layer> layers = new LinkedHashMap<>();
                            layers.put(riscv64, new StreamedDockerArchive.Layer(diffId, 1_500_000_000L));
                            layers.put(arm64, new StreamedDockerArchive.Layer(diffId, 1_500_000_000L));
                            return layers;
                        },
                        ImageReference.parse("sample:2"),
                        engine);

        assertThat(seenBeforeLayers).containsExactly("riscv64/ dir", "arm64/ dir");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(sent.toByteArray()))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(tags).extracting(ImageReference::toString).containsExactly("sample:2-riscv64", "sample:2-arm64");
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        assertThat(manifest.get(1).get("Layers").get(0).asText()).isEqualTo("arm64/layer.tar");
        JsonNode config =
                JSON.readTree(entries.get(manifest.get(1).get("Config").asText()));
        assertThat(config.get("architecture").asText()).isEqualTo("arm64");
        assertThat(config.get("rootfs").get("diff_ids").get(0).asText()).isEqualTo(diffId.toString());
    }
}

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
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layout and its layer, read back byte by byte; needs root for mknod, chown and setcap. */
class OciImageWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long EPOCH = 1_500_000_000L;
    private static final ImageConfig CONFIG = new ImageConfig(
            List.of("LANG=C.UTF-8"),
            List.of("/bin/sh", "-c", "id"),
            "/root",
            Map.of("org.opencontainers.image.title", "sample"));

    @TempDir
    Path tmp;

    Path tree;

    @BeforeEach
    void sampleTree() throws Exception {
        assumeThat(System.getProperty("user.name"))
                .as("mknod, chown and setcap need root")
                .isEqualTo("root");
        Path program = tmp.resolve("program");
        Files.writeString(program, "not really busybox\n");
        tree = SampleTree.create(tmp.resolve("tree"), program);
    }

    private WrittenImage write(Map<Arch, Path> roots, Path out, LayerCompression c) throws IOException {
        return new OciImageWriter(CONFIG, new BuildOptions(c, OptionalLong.of(EPOCH)), TestToolbox.forImages())
                .write(roots, ImageReference.parse("sample:1.0"), out);
    }

    @Test
    void layerKeepsEveryKindOfEntrySortedAndClamped() throws Exception {
        WrittenImage image =
                write(Map.of(ArchCatalog.require("arm64"), tree), tmp.resolve("oci"), LayerCompression.GZIP);
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, Map<String, String>> pax = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(
                        blob(image, image.images().get(0).layer().digest())));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries.put(e.getName(), e);
                pax.put(e.getName(), e.getExtraPaxHeaders());
            }
        }
        assertThat(entries.keySet()).contains("bin/", "bin/busybox", "etc/passwd", "dev/null");
        assertThat(entries.keySet().stream().map(n -> n.replaceFirst("/$", "")).toList())
                .isSortedAccordingTo(LayerSource.ORDER);
        assertThat(entries.get("bin/sh").isSymbolicLink()).isTrue();
        assertThat(entries.get("bin/sh").getLinkName()).isEqualTo("busybox");
        assertThat(entries.get("etc/passwd-hardlink").isLink()).isTrue();
        assertThat(entries.get("etc/passwd-hardlink").getLinkName()).isEqualTo("etc/passwd");
        assertThat(entries.get("bin/su-helper").getMode()).isEqualTo(04755);
        assertThat(entries.get("dev/null").isCharacterDevice()).isTrue();
        assertThat(entries.get("dev/null").getDevMajor()).isEqualTo(1);
        assertThat(entries.get("dev/null").getDevMinor()).isEqualTo(3);
        assertThat(entries.get("dev/initctl").isFIFO()).isTrue();
        assertThat(entries.get("etc/owned").getLongUserId()).isEqualTo(1234);
        assertThat(entries.get("etc/owned").getLongGroupId()).isEqualTo(5678);
        assertThat(entries.get("etc/owned").getUserName()).isEmpty();
        assertThat(entries.keySet()).anyMatch(n -> n.length() > 200 && n.endsWith("x".repeat(80)));
        // cap_net_raw+ep as the kernel stores it (VFS_CAP_REVISION_2, effective, permitted bit 13)
        assertThat(pax.get("bin/ping").get("SCHILY.xattr.security.capability").getBytes(StandardCharsets.UTF_8))
                .isEqualTo(HexFormat.of().parseHex("0100000200200000000000000000000000000000"));
        assertThat(entries.get("etc/passwd").getLastModifiedTime().toInstant().getEpochSecond())
                .isEqualTo(EPOCH);
        assertThat(entries.get("bin/busybox").getLastModifiedTime().toInstant().getEpochSecond())
                .isEqualTo(SampleTree.OLD_MTIME);
    }

    @Test
    void configManifestAndIndexDescribeEveryPlatform() throws Exception {
        Map<Arch, Path> roots = new LinkedHashMap<>();
        for (String a : List.of("riscv64", "arm64", "armhf")) {
            roots.put(ArchCatalog.require(a), tree);
        }
        WrittenImage image = write(roots, tmp.resolve("oci"), LayerCompression.ZSTD);
        JsonNode top = JSON.readTree(image.layout().resolve("index.json").toFile())
                .get("manifests")
                .get(0);
        assertThat(top.get("mediaType").asText()).isEqualTo(OciJson.INDEX);
        assertThat(top.at("/annotations/org.opencontainers.image.ref.name").asText())
                .isEqualTo("1.0");
        JsonNode index = JSON.readTree(
                blob(image, Digest.parse(top.get("digest").asText())).toFile());
        assertThat(index.get("manifests"))
                .extracting(m -> m.at("/platform/architecture").asText() + "/"
                        + m.at("/platform/variant").asText(""))
                .containsExactly("riscv64/", "arm64/v8", "arm/v7");
        PlatformImage armhf = image.images().get(2);
        JsonNode config = JSON.readTree(blob(image, armhf.config().digest()).toFile());
        assertThat(config.get("architecture").asText()).isEqualTo("arm");
        assertThat(config.get("variant").asText()).isEqualTo("v7");
        assertThat(config.get("created").asText()).isEqualTo("2017-07-14T02:40:00Z");
        assertThat(config.at("/config/Cmd").toString()).isEqualTo("[\"/bin/sh\",\"-c\",\"id\"]");
        assertThat(config.at("/config/Env/0").asText()).startsWith("PATH=");
        assertThat(config.at("/config/WorkingDir").asText()).isEqualTo("/root");
        assertThat(config.at("/rootfs/diff_ids/0").asText()).startsWith("sha256:");
        JsonNode manifest = JSON.readTree(blob(image, armhf.manifest().digest()).toFile());
        assertThat(manifest.at("/layers/0/mediaType").asText()).isEqualTo(LayerCompression.ZSTD.ociMediaType());
        assertThat(Files.size(blob(image, armhf.layer().digest())))
                .isEqualTo(armhf.layer().size());
        assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("program", "tree", "oci"); // no staging left
    }

    @Test
    void sameInputGivesByteIdenticalBlobsFromDirectoryAndTar() throws Exception {
        Arch riscv64 = ArchCatalog.require("riscv64");
        WrittenImage first = write(Map.of(riscv64, tree), tmp.resolve("a"), LayerCompression.GZIP);
        WrittenImage again = write(Map.of(riscv64, tree), tmp.resolve("b"), LayerCompression.GZIP);
        assertThat(again.top().digest()).isEqualTo(first.top().digest());
        assertThat(again.images().get(0).layer())
                .isEqualTo(first.images().get(0).layer());

        Path tar = tmp.resolve("tree.tar");
        SampleTree.run("tar", "--xattrs", "--xattrs-include=*", "-C", tree.toString(), "-cf", tar.toString(), ".");
        WrittenImage fromTar = write(Map.of(riscv64, tar), tmp.resolve("c"), LayerCompression.GZIP);
        assertThat(fromTar.images().get(0).layer().digest())
                .isEqualTo(first.images().get(0).layer().digest());

        WrittenImage rewritten = write(Map.of(riscv64, tree), tmp.resolve("a"), LayerCompression.GZIP);
        assertThat(rewritten.top()).isEqualTo(first.top()); // replacing an existing layout works
    }

    private static Path blob(WrittenImage image, Digest d) {
        return image.layout().resolve(d.blobPath());
    }
}

package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.sbom.SbomValidators;
import io.crossroot.util.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real riscv64 root of the small "essential" set built through the CLI with --sbom cyclonedx, then again as a
 * tar (from the configured-root cache), and packaged as an OCI layout: the inventory it carries lists exactly
 * what dpkg lists, passes the formats' own validators, is byte-stable, and reaches the image as a referrer.
 */
@Tag("rootfs")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SbomIntegrationTest {
    private static final String IN_ROOT = "usr/share/doc/crossroot/sbom";

    @TempDir
    static Path tmp;

    private Path root;
    private byte[] spdx;

    @BeforeAll
    void build() throws Exception {
        DebianRepository repo =
                DebianRepository.open(RepositoryConfig.builder().suite("trixie").build());
        EmulationSetup.ensure(repo, List.of(ArchCatalog.require("riscv64")), DownloadListener.NONE);
        root = tmp.resolve("root");
        // --fresh: this root is built, the next one copied from the cache, and their documents compared
        crossroot(
                "rootfs",
                "--arch",
                "riscv64",
                "--variant",
                "essential",
                "--fresh",
                "--sbom",
                "cyclonedx",
                "-o",
                root.toString());
        spdx = Files.readAllBytes(root.resolve(IN_ROOT + ".spdx.json"));
    }

    @Test
    void theRootListsExactlyThePackagesDpkgLists() throws Exception {
        Set<String> dpkg = new TreeSet<>();
        for (String line : run(
                        "dpkg-query",
                        "--admindir=" + root.resolve("var/lib/dpkg"),
                        "-W",
                        "-f=${db:Status-Status} ${Package} ${Version} ${Architecture}\\n")
                .split("\n")) {
            if (line.startsWith("installed ")) {
                dpkg.add(line.substring("installed ".length()));
            }
        }
        JsonNode doc = Json.read(spdx);
        Set<String> listed = new TreeSet<>();
        int withChecksum = 0;
        for (JsonNode p : doc.path("packages")) {
            if (p.path("SPDXID").asText().equals("SPDXRef-Artifact")) {
                continue;
            }
            String purl = p.path("externalRefs").get(0).path("referenceLocator").asText();
            String arch = purl.replaceAll(".*[?&]arch=([^&]+).*", "$1");
            listed.add(p.path("name").asText() + " " + p.path("versionInfo").asText() + " " + arch);
            withChecksum += p.path("checksums").size();
        }
        assertThat(dpkg).hasSizeGreaterThan(10);
        assertThat(listed).isEqualTo(dpkg);
        assertThat(withChecksum).as("every .deb came from the resolution").isEqualTo(dpkg.size());
        assertThat(doc.path("packages").findValuesAsText("licenseDeclared")).contains("GPL-2.0-or-later");
    }

    @Test
    void bothDocumentsPassTheirValidatorsAndSitBesideTheOutput() throws Exception {
        assertThat(SbomValidators.spdxProblems(spdx, tmp)).isEmpty();
        byte[] cdx = Files.readAllBytes(root.resolve(IN_ROOT + ".cdx.json"));
        assertThat(SbomValidators.cycloneDxProblems(cdx)).isEmpty();
        assertThat(tmp.resolve("root.spdx.json")).hasBinaryContent(spdx);
        assertThat(tmp.resolve("root.cdx.json")).hasBinaryContent(cdx);
    }

    @Test
    void aRootCopiedFromTheCacheCarriesTheSameBytes() throws Exception {
        Path tar = tmp.resolve("again.tar");
        String summary =
                crossroot("rootfs", "--arch", "riscv64", "--variant", "essential", "--json", "-o", tar.toString());
        assertThat(Json.read(summary).path("reusedConfiguredRoot").asBoolean())
                .as(summary)
                .isTrue();
        assertThat(fromTar(tar, "./" + IN_ROOT + ".spdx.json")).isEqualTo(spdx);
        assertThat(fromTar(tar, "./" + IN_ROOT + ".cdx.json"))
                .as("spdx only was asked for")
                .isNull();
        assertThat(tmp.resolve("again.spdx.json")).hasBinaryContent(spdx);
        assertThat(tmp.resolve("again.cdx.json")).doesNotExist();
    }

    @Test
    void theImageCarriesTheDocumentAsAReferrerOfItsManifest() throws Exception {
        Path layout = tmp.resolve("oci");
        crossroot(
                "image",
                "build",
                "--arch",
                "riscv64",
                "--rootfs",
                root.toString(),
                "--tag",
                "crossroot/sbom:test",
                "-o",
                layout.toString());
        JsonNode index = Json.read(Files.readAllBytes(layout.resolve("index.json")));
        List<JsonNode> images = new ArrayList<>();
        List<JsonNode> referrers = new ArrayList<>();
        index.path("manifests").forEach(m -> (m.has("artifactType") ? referrers : images).add(m));
        assertThat(images).hasSize(1);
        assertThat(referrers).hasSize(1);
        assertThat(referrers.get(0).path("artifactType").asText()).isEqualTo("application/spdx+json");

        JsonNode referrer = blob(layout, referrers.get(0).path("digest").asText());
        assertThat(referrer.path("artifactType").asText()).isEqualTo("application/spdx+json");
        assertThat(referrer.path("config").path("mediaType").asText()).isEqualTo("application/vnd.oci.empty.v1+json");
        assertThat(referrer.path("config").path("digest").asText())
                .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        assertThat(referrer.path("subject").path("digest").asText())
                .isEqualTo(images.get(0).path("digest").asText());
        JsonNode layer = referrer.path("layers").get(0);
        assertThat(layer.path("mediaType").asText()).isEqualTo("application/spdx+json");
        assertThat(blobBytes(layout, layer.path("digest").asText())).isEqualTo(spdx);

        JsonNode inspected = Json.read(run("skopeo", "inspect", "oci:" + layout + ":test"));
        assertThat(inspected.path("Architecture").asText()).isEqualTo("riscv64");
    }

    @Test
    void aDiskMadeFromTheRootHasItsDocumentBeside() throws Exception {
        Path layout = Files.writeString(tmp.resolve("layout.yaml"), """
                table: gpt
                partitions:
                  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 16M}
                """);
        crossroot(
                "disk",
                "build",
                "--rootfs",
                root.toString(),
                "--layout",
                layout.toString(),
                "-o",
                tmp.resolve("disk.img").toString());
        assertThat(tmp.resolve("disk.spdx.json")).hasBinaryContent(spdx);
        assertThat(tmp.resolve("disk.cdx.json")).doesNotExist();
    }

    @Test
    void anImageRecipesStepsShowInTheInventoryItCarries() throws Exception {
        Path recipe = Files.writeString(tmp.resolve("steps.yaml"), """
                suite: trixie
                variant: essential
                arches: [riscv64]
                run:
                  - "dpkg --force-remove-essential --force-depends --purge hostname"
                tag: crossroot/sbom-steps:test
                """);
        Path layout = tmp.resolve("oci-steps");
        crossroot("image", "build", recipe.toString(), "-o", layout.toString());
        JsonNode index = Json.read(Files.readAllBytes(layout.resolve("index.json")));
        JsonNode referrer = null;
        for (JsonNode m : index.path("manifests")) {
            if (m.has("artifactType")) {
                referrer = blob(layout, m.path("digest").asText());
            }
        }
        assertThat(referrer).isNotNull();
        JsonNode doc = Json.read(
                blobBytes(layout, referrer.path("layers").get(0).path("digest").asText()));
        assertThat(doc.path("packages").findValuesAsText("name"))
                .contains("bash")
                .doesNotContain("hostname");
        for (JsonNode p : doc.path("packages")) {
            if (!p.path("SPDXID").asText().equals("SPDXRef-Artifact")) {
                assertThat(p.path("checksums")).as(p.path("name").asText()).hasSize(1);
            }
        }
    }

    private static JsonNode blob(Path layout, String digest) throws IOException {
        return Json.read(blobBytes(layout, digest));
    }

    private static byte[] blobBytes(Path layout, String digest) throws IOException {
        return Files.readAllBytes(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())));
    }

    private static byte[] fromTar(Path tar, String name) throws IOException {
        try (InputStream in = Files.newInputStream(tar);
                TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return t.readAllBytes();
                }
            }
        }
        return null;
    }

    /** Runs crossroot in this JVM; returns its stdout. */
    private static String crossroot(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }
}

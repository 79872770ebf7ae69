package io.crossroot.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.util.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootSbomTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/sbom");

    @TempDir
    Path tmp;

    @Test
    void copiesBesideAnOutputReplaceAFileExtensionOnly() {
        assertThat(RootSbom.besideBase(tmp.resolve("x.tar"))).isEqualTo(tmp.resolve("x"));
        assertThat(RootSbom.besideBase(tmp.resolve("disk.img"))).isEqualTo(tmp.resolve("disk"));
        assertThat(RootSbom.besideBase(tmp.resolve("root"))).isEqualTo(tmp.resolve("root"));
        assertThat(RootSbom.besideBase(tmp.resolve(".tar"))).isEqualTo(tmp.resolve(".tar"));
    }

    @Test
    void theDocumentsWrittenIntoARootAreCopiedBesideADiskMadeFromIt() throws Exception {
        Path root = root();
        Inventory inventory = new RootInventory(
                        List.of(new DebOrigin(
                                "usr-is-merged", "37~deb12u1", "all", "ab".repeat(32), "pool/main/u/u.deb")),
                        java.net.URI.create("http://mirror.test/debian"),
                        "bookworm")
                .read(root, "test-root", 0);
        RootSbom.writeInto(root, inventory, SbomFormat.CYCLONEDX);

        List<Path> copies = RootSbom.copyBeside(root, tmp.resolve("disk.img"), SbomFormat.CYCLONEDX, 5);

        assertThat(copies).containsExactly(tmp.resolve("disk.spdx.json"), tmp.resolve("disk.cdx.json"));
        assertThat(tmp.resolve("disk.spdx.json"))
                .hasBinaryContent(Files.readAllBytes(root.resolve("usr/share/doc/crossroot/sbom.spdx.json")));
        JsonNode merged = Json.read(Files.readAllBytes(tmp.resolve("disk.spdx.json")))
                .path("packages")
                .get(2);
        assertThat(merged.path("downloadLocation").asText()).isEqualTo("http://mirror.test/debian/pool/main/u/u.deb");
        assertThat(merged.path("licenseDeclared").asText()).isEqualTo("GPL-2.0-or-later");
    }

    @Test
    void aRootWithoutADocumentIsListedFromItsDpkgDatabase() throws Exception {
        Path root = root();
        RootSbom.copyBeside(root, tmp.resolve("other.img"), SbomFormat.SPDX, 5);

        byte[] doc = Files.readAllBytes(tmp.resolve("other.spdx.json"));
        assertThat(SbomValidators.spdxProblems(doc, tmp)).isEmpty();
        JsonNode packages = Json.read(doc).path("packages");
        assertThat(packages).hasSize(3); // the artifact and the two installed packages
        assertThat(packages.get(1)
                        .path("externalRefs")
                        .get(0)
                        .path("referenceLocator")
                        .asText())
                .isEqualTo("pkg:deb/debian/tzdata@2025b-0%2Bdeb12u2?arch=all&distro=debian-bookworm");
        assertThat(packages.get(1).has("checksums")).isFalse();
    }

    @Test
    void aTreeThatIsNoDebianSystemGetsNone() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/usr/bin"));
        Files.writeString(tree.resolve("tool"), "#!/bin/sh\n");
        assertThat(RootSbom.copyBeside(tmp.resolve("tree"), tmp.resolve("disk.img"), SbomFormat.CYCLONEDX, 0))
                .isEmpty();
        assertThat(tmp.resolve("disk.spdx.json")).doesNotExist();
    }

    /** A root of two installed packages with their real copyright files, and an os-release naming bookworm. */
    private Path root() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("var/lib/dpkg"));
        Files.writeString(root.resolve("var/lib/dpkg/status"), """
                Package: usr-is-merged
                Status: install ok installed
                Architecture: all
                Version: 37~deb12u1

                Package: tzdata
                Status: install ok installed
                Architecture: all
                Version: 2025b-0+deb12u2
                """);
        for (String pkg : List.of("usr-is-merged", "tzdata")) {
            Path doc = Files.createDirectories(root.resolve("usr/share/doc/" + pkg));
            Files.copy(FIXTURES.resolve(pkg + ".copyright"), doc.resolve("copyright"));
        }
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nVERSION_CODENAME=bookworm\n");
        return root;
    }
}

package io.crossroot.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.util.Json;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomDocumentsTest {
    private static final String SHA = "0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a0f0a";

    @TempDir
    Path tmp;

    private static Inventory inventory(List<InventoryPackage> packages) {
        return new Inventory(
                "debian-trixie-riscv64-essential", 1_700_000_000L, "debian-trixie", packages, PackageFormat.DEB);
    }

    private static final List<InventoryPackage> PACKAGES = List.of(
            new InventoryPackage(
                    "libstdc++6",
                    "14.2.0-19",
                    "riscv64",
                    "gcc-14",
                    "14.2.0-19",
                    "GPL-3.0-or-later WITH GCC-exception-3.1",
                    SHA,
                    "http://mirror.test/debian/pool/main/g/gcc-14/libstdc++6_14.2.0-19_riscv64.deb"),
            new InventoryPackage(
                    "bsdutils",
                    "1:2.41-5",
                    "riscv64",
                    "util-linux",
                    "2.41-5",
                    "LicenseRef-public-domain OR GPL-2.0-or-later",
                    null,
                    "http://10.0.0.1:3142/debian/pool/main/u/util-linux/bsdutils_2.41-5_riscv64.deb"),
            new InventoryPackage(
                    "tzdata", "2025b-4", "all", "tzdata", "2025b-4", InventoryPackage.NOASSERTION, null, null));

    @Test
    void spdxPassesSpdxsOwnVerifier() throws Exception {
        byte[] doc = SpdxDocument.write(inventory(PACKAGES));
        assertThat(SbomValidators.spdxProblems(doc, tmp)).isEmpty();
        JsonNode n = Json.read(doc);
        assertThat(n.path("creationInfo").path("created").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(n.path("packages")).hasSize(4);
        JsonNode bsdutils = n.path("packages").get(1);
        assertThat(bsdutils.path("name").asText()).isEqualTo("bsdutils");
        assertThat(bsdutils.path("externalRefs").get(0).path("referenceLocator").asText())
                .isEqualTo("pkg:deb/debian/bsdutils@1%3A2.41-5?arch=riscv64&distro=debian-trixie");
        assertThat(bsdutils.path("filesAnalyzed").asBoolean(true)).isFalse();
        // SPDX accepts only a host name with a top-level domain there: a mirror by address is not named
        assertThat(bsdutils.path("downloadLocation").asText()).isEqualTo("NOASSERTION");
        assertThat(n.path("packages").get(2).path("downloadLocation").asText())
                .isEqualTo(PACKAGES.get(0).downloadLocation());
        assertThat(n.path("packages")
                        .get(2)
                        .path("checksums")
                        .get(0)
                        .path("checksumValue")
                        .asText())
                .isEqualTo(SHA);
        assertThat(n.path("hasExtractedLicensingInfos").get(0).path("licenseId").asText())
                .isEqualTo("LicenseRef-public-domain");
        assertThat(n.path("relationships")).hasSize(4);
    }

    @Test
    void cycloneDxPassesTheSchema() throws Exception {
        byte[] doc = CycloneDxDocument.write(inventory(PACKAGES));
        assertThat(SbomValidators.cycloneDxProblems(doc)).isEmpty();
        var bom = new JsonParser().parse(doc);
        assertThat(bom.getSpecVersion()).isEqualTo("1.6");
        assertThat(bom.getComponents())
                .extracting(c -> c.getPurl())
                .containsExactly(
                        "pkg:deb/debian/bsdutils@1%3A2.41-5?arch=riscv64&distro=debian-trixie",
                        "pkg:deb/debian/libstdc%2B%2B6@14.2.0-19?arch=riscv64&distro=debian-trixie",
                        "pkg:deb/debian/tzdata@2025b-4?arch=all&distro=debian-trixie");
        assertThat(bom.getSerialNumber()).startsWith("urn:uuid:");
    }

    @Test
    void equalInventoriesGiveEqualBytesWhateverTheOrder() throws Exception {
        Inventory one = inventory(PACKAGES);
        Inventory other = inventory(List.of(PACKAGES.get(2), PACKAGES.get(0), PACKAGES.get(1)));
        assertThat(SpdxDocument.write(other)).isEqualTo(SpdxDocument.write(one));
        assertThat(CycloneDxDocument.write(other)).isEqualTo(CycloneDxDocument.write(one));
        Inventory changed = inventory(PACKAGES.subList(0, 2));
        assertThat(Json.read(SpdxDocument.write(changed)).path("documentNamespace"))
                .isNotEqualTo(Json.read(SpdxDocument.write(one)).path("documentNamespace"));
    }
}

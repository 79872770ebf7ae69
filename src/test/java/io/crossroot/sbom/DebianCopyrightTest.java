package io.crossroot.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianCopyrightTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/sbom");

    @TempDir
    Path tmp;

    @Test
    void theLicenseOfFilesStarInRealCopyrightFiles() throws IOException {
        assertThat(licenseOf("usr-is-merged")).isEqualTo("GPL-2.0-or-later");
        assertThat(licenseOf("libfile-fcntllock-perl")).isEqualTo("Artistic-1.0-Perl OR GPL-1.0-or-later");
        assertThat(licenseOf("tzdata")).isEqualTo("LicenseRef-public-domain");
    }

    @Test
    void aFreeFormCopyrightFileOrNoneAssertsNothing() throws IOException {
        assertThat(licenseOf("libmpc3")).isEqualTo(InventoryPackage.NOASSERTION);
        assertThat(DebianCopyright.license(tmp.resolve("root"), "absent")).isEqualTo(InventoryPackage.NOASSERTION);
    }

    @Test
    void aCopyrightFileThatIsNotDeb822AssertsNothing() {
        assertThat(DebianCopyright.license("Format: x\n\n continuation without a field\n", "test"))
                .isEqualTo(InventoryPackage.NOASSERTION);
    }

    @Test
    void aSymlinkOutOfTheRootIsFollowedInsideItOnly() throws IOException {
        Path outside = tmp.resolve("outside-copyright");
        Files.copy(FIXTURES.resolve("usr-is-merged.copyright"), outside);
        Path root = tmp.resolve("root");
        Path doc = Files.createDirectories(root.resolve("usr/share/doc/pkg"));
        Files.createSymbolicLink(doc.resolve("copyright"), outside.toAbsolutePath());
        assertThat(DebianCopyright.license(root, "pkg")).isEqualTo(InventoryPackage.NOASSERTION);
        Files.createDirectories(root.resolve("usr/share/doc/via-dotdot"));
        Files.createSymbolicLink(
                root.resolve("usr/share/doc/via-dotdot/copyright"), Path.of("../../../../../outside-copyright"));
        assertThat(DebianCopyright.license(root, "via-dotdot")).isEqualTo(InventoryPackage.NOASSERTION);
    }

    @Test
    void aHugeCopyrightFileIsReadOnlyToItsLimit() throws IOException {
        Path root = tmp.resolve("root");
        Path file = Files.createDirectories(root.resolve("usr/share/doc/huge")).resolve("copyright");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(Files.readAllBytes(FIXTURES.resolve("usr-is-merged.copyright")));
            byte[] filler = " filler line of a license text that goes on and on\n".getBytes(StandardCharsets.UTF_8);
            out.write("\nLicense: other\n".getBytes(StandardCharsets.UTF_8));
            for (long written = 0; written < 8L * DebianCopyright.LIMIT; written += filler.length) {
                out.write(filler);
            }
        }
        assertThat(DebianCopyright.license(root, "huge")).isEqualTo("GPL-2.0-or-later");
    }

    private String licenseOf(String fixture) throws IOException {
        Path root = tmp.resolve("root-" + fixture);
        Path doc = Files.createDirectories(root.resolve("usr/share/doc/" + fixture));
        Files.copy(FIXTURES.resolve(fixture + ".copyright"), doc.resolve("copyright"));
        return DebianCopyright.license(root, fixture);
    }
}

package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DscFileTest {
    @TempDir
    Path dir;

    @Test
    void readsAClearsignedDsc() {
        var p = DscFile.read(PkgFixtures.path("hello_2.12.3-1.dsc"));
        assertThat(p.get("Source")).isEqualTo("hello");
        assertThat(p.get("Version")).isEqualTo("2.12.3-1");
        assertThat(SourceChecksums.parse(p, "x"))
                .extracting(SourceChecksums.Entry::name)
                .containsExactly(
                        "hello_2.12.3.orig.tar.gz", "hello_2.12.3.orig.tar.gz.asc", "hello_2.12.3-1.debian.tar.xz");
    }

    @Test
    void aMissingFileIsNamedBeforeAnythingIsUnpacked() throws IOException {
        Path dsc = dir.resolve("hello_2.12.3-1.dsc");
        Files.copy(PkgFixtures.path("hello_2.12.3-1.dsc"), dsc);
        assertThatThrownBy(() -> DscFile.load(dsc))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(dir.resolve("hello_2.12.3.orig.tar.gz").toString())
                .hasMessageContaining("is missing");
    }

    @Test
    void verifiesEveryFileAgainstChecksumsSha256() throws IOException {
        byte[] orig = "upstream".getBytes(StandardCharsets.UTF_8);
        byte[] debian = "packaging".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("x_1.orig.tar.gz"), orig);
        Files.write(dir.resolve("x_1-1.debian.tar.xz"), debian);
        Path dsc = dir.resolve("x_1-1.dsc");
        Files.writeString(
                dsc,
                "Format: 3.0 (quilt)\nSource: xy\nVersion: 1-1\nBuild-Depends: make\n"
                        + "Checksums-Sha256:\n"
                        + " " + LocalFileCheck.sha256(dir.resolve("x_1.orig.tar.gz")) + " " + orig.length
                        + " x_1.orig.tar.gz\n"
                        + " " + LocalFileCheck.sha256(dir.resolve("x_1-1.debian.tar.xz")) + " " + debian.length
                        + " x_1-1.debian.tar.xz\n");
        SourcePackage src = DscFile.load(dsc);
        assertThat(src.name()).isEqualTo("xy");
        assertThat(src.files()).hasSize(3).first().isEqualTo(dsc);

        Files.writeString(dir.resolve("x_1-1.debian.tar.xz"), "tampered!");
        assertThatThrownBy(() -> DscFile.load(dsc))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("x_1-1.debian.tar.xz does not match its checksum")
                .hasMessageContaining("expected " + debian.length + " bytes");
    }

    @Test
    void sourceTreeVersionComesFromTheChangelog() throws IOException {
        Files.createDirectories(dir.resolve("debian"));
        Files.copy(PkgFixtures.path("hello-2.12.3-1.debian-control"), dir.resolve("debian/control"));
        Files.writeString(dir.resolve("debian/changelog"), "hello (2.12.3-1) unstable; urgency=medium\n\n  * x\n");
        SourcePackage src = SourceTree.load(dir);
        assertThat(src.name()).isEqualTo("hello");
        assertThat(src.version()).isEqualTo("2.12.3-1");
        assertThat(src.isTree()).isTrue();
    }
}

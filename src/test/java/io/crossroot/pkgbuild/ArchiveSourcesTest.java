package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Fixtures;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.Release;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.SignatureVerifier;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source fetching against a file:// mirror holding trixie's real signed Release and non-free-firmware Sources. */
class ArchiveSourcesTest {
    private static final String SOURCES = "non-free-firmware/source/Sources.xz";

    @TempDir
    Path mirror;

    @TempDir
    Path cache;

    @TempDir
    Path out;

    private ArchiveSources sources;

    @BeforeEach
    void layOutMirror() throws IOException {
        Files.createDirectories(mirror.resolve("dists/trixie/non-free-firmware/source"));
        Files.write(mirror.resolve("dists/trixie/InRelease"), Fixtures.bytes("trixie-InRelease"));
        Files.write(
                mirror.resolve("dists/trixie/" + SOURCES),
                Fixtures.bytes("trixie-non-free-firmware-source-Sources.xz"));
        Release release = Release.parse(
                new SignatureVerifier(Keyring.debianArchive())
                        .verifyClearsigned(Fixtures.bytes("trixie-InRelease"), "x")
                        .text(),
                "x");
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder()
                .mirror(mirror.toUri())
                .suite("trixie")
                .cacheDir(cache)
                .clock(Fixtures.clockAt(release.date().plus(Duration.ofDays(1))))
                .build());
        sources = new ArchiveSources(repo, DownloadListener.NONE, List.of("non-free-firmware"));
    }

    @Test
    void findsTheSourceParagraph() {
        assertThat(sources.find("amd64-microcode").get("Version")).isEqualTo("3.20250311.1");
    }

    @Test
    void aFileTheMirrorLacksIsNamedWithItsUrlAndNothingIsLaidOut() {
        Path dir = out.resolve("amd64-microcode");
        assertThatThrownBy(() -> sources.fetch("amd64-microcode", dir))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("the mirror lacks amd64-microcode_3.20250311.1")
                .hasMessageContaining(
                        mirror + "/pool/non-free-firmware/a/amd64-microcode/amd64-microcode_3.20250311.1.dsc")
                .hasMessageContaining("--suite sid --snapshot");
        assertThat(dir).doesNotExist();
    }

    @Test
    void anUnknownSourcePackageIsReported() {
        assertThatThrownBy(() -> sources.find("no-such-source"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no source package 'no-such-source'");
    }
}

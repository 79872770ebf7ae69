package io.crossroot.rpm.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.DownloadPolicy;
import io.crossroot.debian.LoopbackMirror;
import io.crossroot.rpm.RpmFixtureRepo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client over HTTP, served by a loopback server: the fixture, a damaged transfer, a '^' in a file name. */
@Tag("mirror")
class RpmMdRepositoryHttpTest {
    private static final DownloadPolicy QUICK =
            new DownloadPolicy(Duration.ofSeconds(5), Duration.ofSeconds(5), 2, Duration.ofMillis(10));

    @TempDir
    Path temp;

    private LoopbackMirror server;

    @BeforeEach
    void serve() throws IOException {
        server = new LoopbackMirror();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RpmMdRepository open(RepoTrust trust) {
        return RpmMdRepository.open(new RpmRepoConfig(
                server.uri(), List.of(RpmFixtureRepo.get().publicKey()), trust, temp.resolve("cache"), QUICK));
    }

    private void serveFixture() throws IOException {
        Path repo = RpmFixtureRepo.get().repo();
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                server.put(repo.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
    }

    @Test
    void readsTheFixtureOverHttp() throws IOException {
        serveFixture();
        RpmMdRepository repo = open(RepoTrust.SIGNED_REPOMD);
        assertThat(repo.packages()).extracting(RpmPackage::name).contains("hello", "glibc");
        assertThat(repo.comps()).isPresent();
    }

    @Test
    void aDamagedTransferIsRefusedAndNothingIsCached() throws IOException {
        serveFixture();
        RepomdEntry primary =
                open(RepoTrust.SIGNED_REPOMD).repomd().entry("primary").orElseThrow();
        server.fail(primary.file().href(), LoopbackMirror.Fault.CORRUPT);
        assertThatThrownBy(() -> open(RepoTrust.SIGNED_REPOMD).packages())
                .isInstanceOf(RepoChecksumMismatchError.class)
                .hasMessageContaining(server.url(primary.file().href()).toString())
                .hasMessageContaining("expected " + primary.file().size() + " bytes with sha256 "
                        + primary.file().checksum().hex());
        assertThat(temp.resolve("cache/blobs/sha256")
                        .resolve(primary.file().checksum().hex()))
                .doesNotExist();
    }

    /** Fedora versions hold '^' (1.0^git1), which a URL must escape; the file still comes from the repository. */
    @Test
    void fetchesAPackageWhoseNameNeedsEscaping() throws Exception {
        byte[] rpm = "stand-in for an rpm".getBytes(StandardCharsets.UTF_8);
        String href = "Packages/f/foo-1.0^git1-2.riscv64.rpm";
        String sha512 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(rpm));
        byte[] primary = """
                <metadata xmlns="http://linux.duke.edu/metadata/common" packages="1">
                <package type="rpm"><name>foo</name><arch>riscv64</arch><version epoch="0" ver="1.0^git1" rel="2"/>
                <checksum type="sha512" pkgid="YES">%s</checksum><size package="%d"/><location href="%s"/></package>
                </metadata>
                """.formatted(sha512, rpm.length, href).getBytes(StandardCharsets.UTF_8);
        String primarySha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(primary));
        server.put("repodata/repomd.xml", """
                        <repomd xmlns="http://linux.duke.edu/metadata/repo"><data type="primary">
                        <checksum type="sha256">%s</checksum><location href="repodata/primary.xml"/><size>%d</size>
                        </data></repomd>
                        """.formatted(primarySha, primary.length)
                        .getBytes(StandardCharsets.UTF_8))
                .put("repodata/primary.xml", primary)
                .put(href, rpm);
        RpmMdRepository repo = open(RepoTrust.SIGNED_PACKAGES);
        RpmPackage foo = repo.packages().get(0);
        assertThat(Files.readAllBytes(repo.fetch(foo, DownloadListener.NONE))).isEqualTo(rpm);
        assertThat(server.requests(href)).isEqualTo(1);
    }
}

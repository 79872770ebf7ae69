package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.debian.LoopbackMirror.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DebianRepository against a real HTTP mirror on 127.0.0.1 that serves Debian's own signed files (and a
 * repository signed by a throw-away key) and fails the way mirrors fail. Every failure must be one clear error
 * naming the URL, and leave nothing in the cache.
 */
class LoopbackMirrorFaultTest {
    private static final String NETBASE_POOL = "pool/main/n/netbase/netbase_6.5_all.deb";
    private static final String NFF_PACKAGES = "non-free-firmware/binary-riscv64/Packages.xz";
    /** Short enough that a stall fails within a second, long enough for a loaded machine's loopback. */
    private static final DownloadPolicy QUICK =
            new DownloadPolicy(Duration.ofSeconds(5), Duration.ofMillis(300), 3, Duration.ofMillis(10));

    @TempDir
    Path cache;

    @TempDir
    Path work;

    private LoopbackMirror mirror;
    private Clock trixieClock;
    private final byte[] deb = Fixtures.bytes("netbase_6.5_all.deb");

    @BeforeEach
    void serveTrixie() throws IOException {
        mirror = new LoopbackMirror()
                .put("dists/trixie/InRelease", Fixtures.bytes("trixie-InRelease"))
                .put(
                        "dists/trixie/" + NFF_PACKAGES,
                        Fixtures.bytes("trixie-non-free-firmware-binary-riscv64-Packages.xz"))
                .put(NETBASE_POOL, deb);
        Release trixie = Release.parse(
                new SignatureVerifier(Keyring.debianArchive())
                        .verifyClearsigned(Fixtures.bytes("trixie-InRelease"), "x")
                        .text(),
                "x");
        trixieClock = Fixtures.clockAt(trixie.date().plus(Duration.ofDays(1)));
    }

    @AfterEach
    void stopMirror() {
        mirror.close();
    }

    private RepositoryConfig.Builder config(String suite) {
        return RepositoryConfig.builder()
                .mirror(mirror.uri())
                .suite(suite)
                .cacheDir(cache)
                .clock(trixieClock)
                .download(QUICK);
    }

    private DebianRepository trixie() {
        return DebianRepository.open(config("trixie").build());
    }

    private Path fetchNetbase() {
        return trixie().fetch(NETBASE_POOL, deb.length, ThrowawaySigner.sha256(deb));
    }

    @Test
    void servesARealRepositoryOverHttp() {
        DebianRepository repo = trixie();
        assertThat(repo.packages("non-free-firmware", "riscv64")).isNotEmpty();
        assertThat(fetchNetbase()).hasBinaryContent(deb);
        assertThat(mirror.requests(NETBASE_POOL)).isEqualTo(1);
    }

    @Test
    void aStallMidBodyIsRetriedThenNamedWithItsUrl() throws IOException {
        mirror.fail(NETBASE_POOL, Fault.STALL);
        assertThatThrownBy(this::fetchNetbase)
                .isInstanceOf(MirrorError.class)
                .hasMessageContaining(mirror.url(NETBASE_POOL).toString())
                .hasMessageContaining("stalled: no data for 300 ms after " + deb.length / 2 + " of " + deb.length)
                .hasMessageContaining("tried 3 times")
                .hasMessageContaining("--mirror URL")
                .hasNoSuppressedExceptions();
        assertThat(mirror.requests(NETBASE_POOL)).isEqualTo(3);
        assertNothingCached();
    }

    @Test
    void aStallThatClearsUpIsRetriedAndCompleted() {
        mirror.fail(NETBASE_POOL, Fault.STALL, 1);
        assertThat(fetchNetbase()).hasBinaryContent(deb);
        assertThat(mirror.requests(NETBASE_POOL)).isEqualTo(2);
    }

    @Test
    void aTruncatedBodyIsRetriedThenNamed() throws IOException {
        mirror.fail(NETBASE_POOL, Fault.TRUNCATE);
        assertThatThrownBy(this::fetchNetbase)
                .isInstanceOf(MirrorError.class)
                .hasMessageContaining(mirror.url(NETBASE_POOL).toString())
                .hasMessageContaining("broke off after " + deb.length / 2 + " of " + deb.length)
                .hasMessageContaining("tried 3 times");
        assertThat(mirror.requests(NETBASE_POOL)).isEqualTo(3);
        assertNothingCached();

        mirror.fail(NETBASE_POOL, Fault.TRUNCATE, 2);
        assertThat(fetchNetbase()).hasBinaryContent(deb);
    }

    @Test
    void serverErrorsAreRetriedThenNamed() throws IOException {
        mirror.fail(NETBASE_POOL, Fault.SERVER_ERROR);
        assertThatThrownBy(this::fetchNetbase)
                .isInstanceOf(MirrorError.class)
                .hasMessageContaining(mirror.url(NETBASE_POOL).toString())
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("tried 3 times");
        assertNothingCached();
    }

    @Test
    void aHashMismatchIsNotRetriedAndNotCached() throws IOException {
        mirror.fail(NETBASE_POOL, Fault.CORRUPT);
        assertThatThrownBy(this::fetchNetbase)
                .isInstanceOf(HashMismatchError.class)
                .hasMessageContaining(mirror.url(NETBASE_POOL).toString())
                .hasMessageContaining(ThrowawaySigner.sha256(deb))
                .hasMessageContaining("Retry");
        assertThat(mirror.requests(NETBASE_POOL)).isEqualTo(1);
        assertNothingCached();
    }

    @Test
    void aMissingFileIsNamedWithAdvice() throws IOException {
        mirror.fail(NETBASE_POOL, Fault.NOT_FOUND);
        assertThatThrownBy(this::fetchNetbase)
                .isInstanceOf(MirrorFileNotFoundError.class)
                .hasMessageContaining(mirror.url(NETBASE_POOL).toString())
                .hasMessageContaining("index may be newer");
        assertThat(mirror.requests(NETBASE_POOL)).isEqualTo(1);
        assertNothingCached();
    }

    @Test
    void aRedirectLoopIsNamed() {
        mirror.fail("dists/trixie/InRelease", Fault.REDIRECT_LOOP);
        assertThatThrownBy(() -> trixie().release())
                .isInstanceOf(MirrorError.class)
                .hasMessageContaining(mirror.url("dists/trixie/InRelease").toString())
                .hasMessageContaining("redirects in a loop")
                .hasMessageContaining(
                        mirror.url("redirected/dists/trixie/InRelease").toString());
    }

    @Test
    void aTamperedInReleaseIsABadSignature() {
        byte[] bytes = Fixtures.bytes("trixie-InRelease");
        bytes[2000] ^= 1;
        mirror.put("dists/trixie/InRelease", bytes);
        assertThatThrownBy(() -> trixie().release())
                .isInstanceOf(BadSignatureError.class)
                .hasMessageContaining(mirror.url("dists/trixie/InRelease").toString())
                .hasMessageContaining("is BAD");
    }

    @Test
    void anUnsignedReleaseIsRefused() {
        mirror.put("dists/forky/Release", Fixtures.bytes("forky-Release"));
        Release forky = Release.parse(new String(Fixtures.bytes("forky-Release"), StandardCharsets.UTF_8), "x");
        var repo = DebianRepository.open(
                config("forky").clock(Fixtures.clockAt(forky.date())).build());
        assertThatThrownBy(repo::release)
                .isInstanceOf(UntrustedSignatureError.class)
                .hasMessageContaining(mirror.url("dists/forky/Release").toString())
                .hasMessageContaining("unsigned")
                .hasMessageContaining("--keyring");
    }

    @Test
    void anExpiredReleaseIsRefused() {
        mirror.put("dists/forky/Release", Fixtures.bytes("forky-Release"))
                .put("dists/forky/Release.gpg", Fixtures.bytes("forky-Release.gpg"));
        Release forky = Release.parse(new String(Fixtures.bytes("forky-Release"), StandardCharsets.UTF_8), "x");
        Clock late = Fixtures.clockAt(forky.validUntil().orElseThrow().plus(Duration.ofDays(1)));
        assertThatThrownBy(
                        () -> DebianRepository.open(config("forky").clock(late).build())
                                .release())
                .isInstanceOf(ReleaseValidityError.class)
                .hasMessageContaining(mirror.url("dists/forky/Release").toString())
                .hasMessageContaining("expired")
                .hasMessageContaining("--snapshot");
    }

    @Test
    void anIndexThatLiesAboutSizesIsCaughtBeforeAnythingIsCached() throws Exception {
        String debSha = ThrowawaySigner.sha256(deb);
        byte[] packages = ("Package: netbase\nVersion: 6.5\nArchitecture: all\nFilename: " + NETBASE_POOL + "\nSize: "
                        + (deb.length / 2) + "\nSHA256: " + debSha + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        try (ThrowawaySigner signer = ThrowawaySigner.create(work)) {
            String release = ThrowawaySigner.release(
                    "lab",
                    now.minusSeconds(60),
                    now.plus(Duration.ofDays(7)),
                    Map.of("main/binary-amd64/Packages", packages));
            byte[] grown = (new String(packages, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
            mirror.put("dists/lab/InRelease", signer.clearsign(release))
                    .put("dists/lab/main/binary-amd64/Packages", grown);
            RepositoryConfig lab = config("lab")
                    .clock(Clock.systemUTC())
                    .keyrings(List.of(signer.keyring()))
                    .build();

            // The mirror's index differs in size from what the signed Release lists for it.
            assertThatThrownBy(() -> DebianRepository.open(lab).packages("main", "amd64"))
                    .isInstanceOf(HashMismatchError.class)
                    .hasMessageContaining(
                            mirror.url("dists/lab/main/binary-amd64/Packages").toString())
                    .hasMessageContaining("expected " + packages.length + " bytes")
                    .hasMessageContaining("got " + grown.length + " bytes");
            assertNothingCached();

            // The signed index promises half the .deb's real size: the download is refused, nothing is kept.
            mirror.put("dists/lab/main/binary-amd64/Packages", packages);
            List<Paragraph> listed = DebianRepository.open(lab).packages("main", "amd64");
            assertThat(listed).hasSize(1);
            assertThatThrownBy(() -> DebianRepository.open(lab).fetch(listed.get(0)))
                    .isInstanceOf(HashMismatchError.class)
                    .hasMessageContaining(mirror.url(NETBASE_POOL).toString())
                    .hasMessageContaining("expected " + deb.length / 2 + " bytes")
                    .hasMessageContaining("got " + deb.length + " bytes");
            assertThat(new BlobStore(cache.resolve("blobs")).path(debSha)).doesNotExist();
            try (var files = Files.walk(cache)) { // only the verified index is cached
                assertThat(files.filter(Files::isRegularFile))
                        .containsExactly(new BlobStore(cache.resolve("blobs")).path(ThrowawaySigner.sha256(packages)));
            }
        }
    }

    /** No blob and no temporary file: a failed download leaves the cache as it was. */
    private void assertNothingCached() throws IOException {
        try (var files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}

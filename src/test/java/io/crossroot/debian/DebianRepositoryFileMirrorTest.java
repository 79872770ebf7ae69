package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DebianRepository against a file:// mirror built from real files (and tampered copies of them). */
class DebianRepositoryFileMirrorTest {
    private static final String NFF_PACKAGES = "non-free-firmware/binary-riscv64/Packages.xz";
    private static final String NFF_SOURCES = "non-free-firmware/source/Sources.xz";
    private static final String NETBASE_POOL = "pool/main/n/netbase/netbase_6.5_all.deb";

    @TempDir
    Path mirror;

    @TempDir
    Path cache;

    private Release trixie;

    @BeforeEach
    void layOutMirror() throws IOException {
        put("dists/trixie/InRelease", Fixtures.bytes("trixie-InRelease"));
        put("dists/trixie/" + NFF_PACKAGES, Fixtures.bytes("trixie-non-free-firmware-binary-riscv64-Packages.xz"));
        put("dists/trixie/" + NFF_SOURCES, Fixtures.bytes("trixie-non-free-firmware-source-Sources.xz"));
        put(NETBASE_POOL, Fixtures.bytes("netbase_6.5_all.deb"));
        trixie = Release.parse(
                new SignatureVerifier(Keyring.debianArchive())
                        .verifyClearsigned(Fixtures.bytes("trixie-InRelease"), "x")
                        .text(),
                "x");
    }

    private RepositoryConfig.Builder config(String suite, Clock clock) {
        return RepositoryConfig.builder()
                .mirror(mirror.toUri())
                .suite(suite)
                .cacheDir(cache)
                .clock(clock);
    }

    private DebianRepository trixieRepo() {
        return DebianRepository.open(
                config("trixie", Fixtures.clockAt(trixie.date().plus(Duration.ofDays(1))))
                        .build());
    }

    @Test
    void readsVerifiedPackagesAndSources() throws IOException {
        DebianRepository repo = trixieRepo();
        assertThat(repo.release().codename()).contains("trixie");
        assertThat(repo.releaseSigners()).isNotEmpty();
        byte[] inRelease = Fixtures.bytes("trixie-InRelease");
        assertThat(repo.releaseFile())
                .isEqualTo(new HashedFile(
                        "InRelease",
                        inRelease.length,
                        java.util.HexFormat.of().formatHex(Digests.sha256().digest(inRelease))));

        List<Paragraph> packages = repo.packages("non-free-firmware", "riscv64");
        String index = xz(Fixtures.bytes("trixie-non-free-firmware-binary-riscv64-Packages.xz"));
        assertThat(packages).hasSize(count(index, "\nPackage: ") + 1);
        assertThat(packages).extracting(p -> p.get("Package")).contains("firmware-linux-nonfree");

        List<Paragraph> sources = repo.sources("non-free-firmware");
        assertThat(sources)
                .hasSize(count(xz(Fixtures.bytes("trixie-non-free-firmware-source-Sources.xz")), "\nPackage: ") + 1);
        assertThat(HashedFile.ofSource(sources.get(0)))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.path()).startsWith(sources.get(0).get("Directory") + "/"));

        // Verified indexes are cached by content: the compressed file under its SHA256.
        HashedFile listed = repo.release().file(NFF_PACKAGES).orElseThrow();
        assertThat(cache.resolve("blobs/sha256/" + listed.sha256()))
                .hasBinaryContent(Fixtures.bytes("trixie-non-free-firmware-binary-riscv64-Packages.xz"));
    }

    @Test
    void prefersByHashWhenTheReleaseOffersIt() throws IOException {
        HashedFile listed = trixie.file(NFF_PACKAGES).orElseThrow();
        Path plain = mirror.resolve("dists/trixie/" + NFF_PACKAGES);
        put(
                "dists/trixie/non-free-firmware/binary-riscv64/by-hash/SHA256/" + listed.sha256(),
                Files.readAllBytes(plain));
        // A sync in progress: the plain name already holds something else; by-hash is unaffected.
        Files.write(plain, new byte[] {1, 2, 3});
        assertThat(trixieRepo().packages("non-free-firmware", "riscv64")).isNotEmpty();
    }

    @Test
    void tamperedIndexIsRejectedBeforeParsing() throws IOException {
        Path plain = mirror.resolve("dists/trixie/" + NFF_PACKAGES);
        byte[] bytes = Files.readAllBytes(plain);
        bytes[bytes.length / 2] ^= 1;
        Files.write(plain, bytes);
        HashedFile listed = trixie.file(NFF_PACKAGES).orElseThrow();

        assertThatThrownBy(() -> trixieRepo().packages("non-free-firmware", "riscv64"))
                .isInstanceOf(HashMismatchError.class)
                .hasMessageContaining(plain.toString())
                .hasMessageContaining(listed.sha256())
                .hasMessageContaining(listed.size() + " bytes")
                .hasMessageContaining(sha256(bytes))
                .hasMessageContaining("Retry");
        assertThat(cache.resolve("blobs/sha256/" + listed.sha256())).doesNotExist();
        try (var leftovers = Files.walk(cache)) {
            assertThat(leftovers.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void missingIndexNamesItsUrl() throws IOException {
        Files.delete(mirror.resolve("dists/trixie/" + NFF_PACKAGES));
        assertThatThrownBy(() -> trixieRepo().packages("non-free-firmware", "riscv64"))
                .isInstanceOf(MirrorFileNotFoundError.class)
                .hasMessageContaining(NFF_PACKAGES);
        assertThatThrownBy(() -> trixieRepo().packages("non-free-firmware", "nosucharch"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("nosucharch")
                .hasMessageContaining("riscv64");
    }

    @Test
    void fetchesPoolFilesIntoTheCacheAndReusesThem() throws IOException {
        byte[] deb = Fixtures.bytes("netbase_6.5_all.deb");
        DebianRepository repo = trixieRepo();
        Path first = repo.fetch(NETBASE_POOL, deb.length, sha256(deb));
        assertThat(first)
                .isEqualTo(cache.resolve("blobs/sha256/" + sha256(deb)))
                .hasBinaryContent(deb);

        // A warm cache needs no mirror at all.
        Files.delete(mirror.resolve(NETBASE_POOL));
        Events events = new Events();
        Path second = repo.fetch(new HashedFile(NETBASE_POOL, deb.length, sha256(deb)), events);
        assertThat(second).isEqualTo(first);
        assertThat(events.log).containsExactly("finished " + NETBASE_POOL + " cached");

        assertThatThrownBy(() -> repo.fetch("pool/main/x/x_1_all.deb", 1, sha256(new byte[] {1})))
                .isInstanceOf(MirrorFileNotFoundError.class)
                .hasMessageContaining("pool/main/x/x_1_all.deb")
                .hasMessageContaining("index may be newer");
    }

    @Test
    void tamperedPoolFileIsNotCached() throws IOException {
        byte[] deb = Fixtures.bytes("netbase_6.5_all.deb");
        byte[] bad = deb.clone();
        bad[5000] ^= 1;
        put(NETBASE_POOL, bad);
        assertThatThrownBy(() -> trixieRepo().fetch(NETBASE_POOL, deb.length, sha256(deb)))
                .isInstanceOf(HashMismatchError.class)
                .hasMessageContaining(NETBASE_POOL)
                .hasMessageContaining(sha256(bad));
        assertThat(cache.resolve("blobs/sha256/" + sha256(deb))).doesNotExist();
    }

    @Test
    void fetchAllDownloadsInParallelAndReports() throws IOException {
        List<HashedFile> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] content = ("file " + i + "\n").repeat(1000 * (i + 1)).getBytes();
            put("pool/main/f/f" + i + ".deb", content);
            files.add(new HashedFile("pool/main/f/f" + i + ".deb", content.length, sha256(content)));
        }
        files.add(files.get(0)); // duplicates are fetched once and still returned in place
        Events events = new Events();
        List<Path> paths = trixieRepo().fetchAll(files, events);

        assertThat(paths).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            assertThat(paths.get(i))
                    .hasBinaryContent(
                            Files.readAllBytes(mirror.resolve(files.get(i).path())));
        }
        long total = files.stream().distinct().mapToLong(HashedFile::size).sum();
        assertThat(events.bytes.get()).isEqualTo(total);
        assertThat(events.log).filteredOn(s -> s.startsWith("started")).hasSize(12);
        assertThat(events.log).filteredOn(s -> s.startsWith("finished")).hasSize(12);
    }

    @Test
    void fetchAllReportsTheFirstFailure() throws IOException {
        put("pool/a.deb", new byte[] {1});
        List<HashedFile> files = List.of(
                new HashedFile("pool/a.deb", 1, sha256(new byte[] {1})),
                new HashedFile("pool/missing.deb", 1, sha256(new byte[] {2})));
        assertThatThrownBy(() -> trixieRepo().fetchAll(files, DownloadListener.NONE))
                .isInstanceOf(MirrorFileNotFoundError.class)
                .hasMessageContaining("pool/missing.deb");
    }

    @Test
    void fallsBackToReleaseAndReleaseGpg() throws IOException {
        put("dists/forky/Release", Fixtures.bytes("forky-Release"));
        put("dists/forky/Release.gpg", Fixtures.bytes("forky-Release.gpg"));
        Release forky = Release.parse(new String(Fixtures.bytes("forky-Release")), "x");
        Clock valid = Fixtures.clockAt(forky.date().plusSeconds(60));

        DebianRepository repo = DebianRepository.open(config("forky", valid).build());
        assertThat(repo.release().codename()).contains("forky");
        assertThat(repo.release().source()).endsWith("dists/forky/Release");
        assertThat(repo.releaseFile().path()).isEqualTo("Release");
        assertThat(repo.releaseFile().sha256())
                .isEqualTo(
                        java.util.HexFormat.of().formatHex(Digests.sha256().digest(Fixtures.bytes("forky-Release"))));

        Files.delete(mirror.resolve("dists/forky/Release.gpg"));
        assertThatThrownBy(() ->
                        DebianRepository.open(config("forky", valid).build()).release())
                .isInstanceOf(UntrustedSignatureError.class)
                .hasMessageContaining("unsigned");
    }

    @Test
    void expiredReleaseNeedsTheSnapshotFlag() throws IOException {
        put("dists/forky/Release", Fixtures.bytes("forky-Release"));
        put("dists/forky/Release.gpg", Fixtures.bytes("forky-Release.gpg"));
        Release forky = Release.parse(new String(Fixtures.bytes("forky-Release")), "x");
        Clock late = Fixtures.clockAt(forky.validUntil().orElseThrow().plus(Duration.ofDays(1)));

        assertThatThrownBy(() ->
                        DebianRepository.open(config("forky", late).build()).release())
                .isInstanceOf(ReleaseValidityError.class)
                .hasMessageContaining("--snapshot");
        assertThat(DebianRepository.open(config("forky", late).snapshot(true).build())
                        .release()
                        .codename())
                .contains("forky");
    }

    @Test
    void aReleaseForAnotherSuiteIsRejected() throws IOException {
        put("dists/sid/InRelease", Fixtures.bytes("trixie-InRelease"));
        Clock clock = Fixtures.clockAt(trixie.date().plus(Duration.ofDays(1)));
        assertThatThrownBy(() ->
                        DebianRepository.open(config("sid", clock).build()).release())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("not sid");
    }

    @Test
    void aTamperedInReleaseIsRejected() throws IOException {
        byte[] bytes = Fixtures.bytes("trixie-InRelease");
        bytes[2000] ^= 1;
        put("dists/trixie/InRelease", bytes);
        assertThatThrownBy(() -> trixieRepo().release())
                .isInstanceOf(BadSignatureError.class)
                .hasMessageContaining("dists/trixie/InRelease");
    }

    @Test
    void unsupportedMirrorSchemeIsAUserError() {
        assertThatThrownBy(() -> DebianRepository.open(RepositoryConfig.builder()
                        .mirror(java.net.URI.create("ftp://example.invalid/debian"))
                        .suite("trixie")
                        .cacheDir(cache)
                        .build()))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("ftp://");
    }

    // --- helpers ---

    private void put(String path, byte[] bytes) throws IOException {
        Path p = mirror.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
    }

    private static String xz(byte[] bytes) throws IOException {
        try (var in = new org.tukaani.xz.XZInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static final class Events implements DownloadListener {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void started(String name, long size) {
            log.add("started " + name);
        }

        @Override
        public void progress(String name, long n) {
            bytes.addAndGet(n);
        }

        @Override
        public void finished(String name, Path file, boolean cached) {
            log.add("finished " + name + (cached ? " cached" : ""));
        }
    }
}

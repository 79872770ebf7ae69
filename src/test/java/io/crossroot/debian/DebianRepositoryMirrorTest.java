package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.debian.deb.DebFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the host's real Debian mirror (MirrorLocator); needs network access to it. */
@Tag("mirror")
class DebianRepositoryMirrorTest {
    @TempDir
    static Path cache;

    private static DebianRepository trixie;
    private static List<Paragraph> riscv64Main;

    @BeforeAll
    static void load() {
        trixie = DebianRepository.open(config("trixie").build());
        riscv64Main = trixie.packages("main", "riscv64");
    }

    private static RepositoryConfig.Builder config(String suite) {
        return RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite(suite)
                .cacheDir(cache);
    }

    @Test
    void trixieInReleaseVerifies() {
        assertThat(trixie.release().codename()).contains("trixie");
        assertThat(trixie.release().source()).endsWith("dists/trixie/InRelease");
        assertThat(trixie.releaseSigners())
                .isNotEmpty()
                .allSatisfy(
                        s -> assertThat(Keyring.debianArchive().fingerprints()).contains(s.primaryFingerprint()));
    }

    @Test
    void riscv64MainHasBusyboxStaticAndLibc6() {
        assertThat(riscv64Main).hasSizeGreaterThan(10_000);
        assertThat(riscv64Main).extracting(p -> p.get("Package")).contains("busybox-static", "libc6");
        assertThat(riscv64Main)
                .filteredOn(p -> p.get("Package").equals("libc6"))
                .allSatisfy(p -> assertThat(p.get("Architecture")).isEqualTo("riscv64"));
        // The index was verified and cached under its hash.
        HashedFile index =
                trixie.release().file("main/binary-riscv64/Packages.xz").orElseThrow();
        assertThat(trixie.blobStore().find(index)).isPresent();
    }

    @Test
    void fetchesASmallPackageOnceThenFromTheCache() throws Exception {
        Paragraph netbase = riscv64Main.stream()
                .filter(p -> p.get("Package").equals("netbase"))
                .findFirst()
                .orElseThrow();
        HashedFile file = HashedFile.ofPackage(netbase);

        DebianRepositoryFileMirrorTest.Events first = new DebianRepositoryFileMirrorTest.Events();
        Path deb = trixie.fetch(file, first);
        assertThat(first.log).containsExactly("started " + file.path(), "finished " + file.path());
        assertThat(first.bytes.get()).isEqualTo(file.size());
        assertThat(deb).isEqualTo(cache.resolve("blobs/sha256/" + file.sha256()));
        assertThat(DebianRepositoryFileMirrorTest.sha256(Files.readAllBytes(deb)))
                .isEqualTo(file.sha256());
        assertThat(DebFile.of(deb).control().get("Version")).isEqualTo(netbase.get("Version"));

        DebianRepositoryFileMirrorTest.Events second = new DebianRepositoryFileMirrorTest.Events();
        assertThat(trixie.fetch(file, second)).isEqualTo(deb);
        assertThat(second.log).containsExactly("finished " + file.path() + " cached");
        assertThat(second.bytes.get()).isZero();
    }

    @Test
    void sidNeedsTheSnapshotFlagOnThisMirror() {
        Release sid =
                DebianRepository.open(config("sid").snapshot(true).build()).release();
        assertThat(sid.codename()).contains("sid");
        assumeTrue(
                sid.validUntil().isPresent()
                        && sid.validUntil().get().isBefore(Clock.systemUTC().instant()),
                "this mirror's sid is current, not a snapshot");
        assertThatThrownBy(() -> DebianRepository.open(config("sid").build()).release())
                .isInstanceOf(ReleaseValidityError.class)
                .hasMessageContaining("dists/sid/InRelease")
                .hasMessageContaining("--snapshot");
    }
}

package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.util.Dirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached .deb damaged on disk (same size, other bytes) is noticed before unpacking and fetched again. */
@Tag("rootfs")
class CorruptCachedDebTest {
    @TempDir
    Path cache;

    @Test
    void damagedBlobIsFetchedAgain() throws Exception {
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite("trixie")
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .cacheDir(cache)
                .build());
        seedIndexFromUserCache(repo);
        AtomicReference<Paragraph> netbase = new AtomicReference<>();
        repo.forEachPackage(List.of("main"), "riscv64", p -> {
            if ("netbase".equals(p.get("Package"))) {
                netbase.set(p);
            }
        });
        HashedFile deb = HashedFile.ofPackage(netbase.get());
        Path blob = repo.fetch(deb, DownloadListener.NONE);
        assertThat(blob).startsWith(cache.resolve("blobs/sha256"));
        byte[] damaged = Files.readAllBytes(blob);
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(blob, damaged);
        assertThat(VerifiedDebs.matches(blob, deb)).isFalse();

        Path verified = new VerifiedDebs(repo, DownloadListener.NONE)
                .fetch(List.of(deb))
                .get(0);

        assertThat(VerifiedDebs.matches(verified, deb)).isTrue();
    }

    /** The Packages index is content-addressed: reuse the user's cached copy instead of downloading 8 MB again. */
    private static void seedIndexFromUserCache(DebianRepository repo) throws Exception {
        String sha = repo.packagesIndex("main", "riscv64").sha256();
        Path cached = Dirs.cache().resolve("blobs/sha256").resolve(sha);
        if (Files.isRegularFile(cached)) {
            Path target = repo.blobStore().path(sha);
            Files.createDirectories(target.getParent());
            Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

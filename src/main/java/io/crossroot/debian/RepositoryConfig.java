package io.crossroot.debian;

import io.crossroot.util.Dirs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to read one Debian suite. Build with {@link #builder()}; unset values get defaults: the host's
 * apt mirror, Debian's archive keyring, crossroot's cache directory, the system clock.
 *
 * @param mirror      mirror root (http, https or file URI), the directory holding dists/ and pool/
 * @param suite       suite or codename, e.g. trixie, stable, sid
 * @param keyrings    trusted keyring files
 * @param snapshot    the mirror is a snapshot: accept a Release past its Valid-Until
 * @param cacheDir    crossroot's cache root; blobs go to CACHE/blobs/sha256
 * @param clock       time source for Release validity
 * @param parallelism concurrent downloads in {@link DebianRepository#fetchAll}
 * @param download    timeouts and retries of mirror reads
 */
public record RepositoryConfig(
        URI mirror,
        String suite,
        List<Path> keyrings,
        boolean snapshot,
        Path cacheDir,
        Clock clock,
        int parallelism,
        DownloadPolicy download) {

    public RepositoryConfig {
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(suite, "suite");
        keyrings = List.copyOf(keyrings);
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(download, "download");
        if (keyrings.isEmpty()) {
            throw new IllegalArgumentException("at least one keyring");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        PackageNames.suite(suite, "The request");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .mirror(mirror)
                .suite(suite)
                .keyrings(keyrings)
                .snapshot(snapshot)
                .cacheDir(cacheDir)
                .clock(clock)
                .parallelism(parallelism)
                .download(download);
    }

    public static final class Builder {
        private URI mirror;
        private String suite;
        private List<Path> keyrings = List.of(Keyring.DEBIAN_ARCHIVE);
        private boolean snapshot;
        private Path cacheDir;
        private Clock clock = Clock.systemUTC();
        private int parallelism = 4;
        private DownloadPolicy download = DownloadPolicy.DEFAULT;

        private Builder() {}

        public Builder mirror(URI mirror) {
            this.mirror = mirror;
            return this;
        }

        public Builder suite(String suite) {
            this.suite = suite;
            return this;
        }

        public Builder keyrings(List<Path> keyrings) {
            this.keyrings = List.copyOf(keyrings);
            return this;
        }

        public Builder snapshot(boolean snapshot) {
            this.snapshot = snapshot;
            return this;
        }

        public Builder cacheDir(Path cacheDir) {
            this.cacheDir = cacheDir;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        public Builder download(DownloadPolicy download) {
            this.download = download;
            return this;
        }

        public RepositoryConfig build() {
            return new RepositoryConfig(
                    mirror != null ? mirror : MirrorLocator.hostDefault(),
                    suite,
                    keyrings,
                    snapshot,
                    cacheDir != null ? cacheDir : Dirs.cache(),
                    clock,
                    parallelism,
                    download);
        }
    }
}

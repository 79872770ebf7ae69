package io.crossroot.rpm.repo;

import io.crossroot.debian.DownloadPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where an rpm-md repository is (the baseurl, the directory holding repodata/), the keys trusted to sign it, what
 * must be signed, and where verified files are cached.
 */
public record RpmRepoConfig(URI baseUrl, List<Path> keyrings, RepoTrust trust, Path cacheDir, DownloadPolicy download) {
    public RpmRepoConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(download, "download");
        keyrings = List.copyOf(keyrings);
        if (keyrings.isEmpty()) {
            throw new IllegalArgumentException("an rpm-md repository needs at least one trusted key file");
        }
    }

    public RpmRepoConfig(URI baseUrl, List<Path> keyrings, RepoTrust trust, Path cacheDir) {
        this(baseUrl, keyrings, trust, cacheDir, DownloadPolicy.DEFAULT);
    }
}

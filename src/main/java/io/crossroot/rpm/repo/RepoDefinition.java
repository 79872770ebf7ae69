package io.crossroot.rpm.repo;

import java.net.URI;
import java.util.List;

/**
 * One repository of a .repo file, variables substituted: its baseurls (mirrors of each other, first preferred),
 * the keys its gpgkey names, and whether packages (gpgcheck) and repomd.xml (repo_gpgcheck) must be signed.
 */
public record RepoDefinition(
        String id,
        String name,
        List<URI> baseUrls,
        List<URI> gpgKeys,
        boolean gpgcheck,
        boolean repoGpgcheck,
        boolean enabled) {
    public RepoDefinition {
        baseUrls = List.copyOf(baseUrls);
        gpgKeys = List.copyOf(gpgKeys);
    }
}

package io.crossroot.rpm.repo;

/**
 * What vouches for a repository's packages. Either way a repomd.xml.asc, when the repository publishes one, must
 * verify against the trusted keys.
 */
public enum RepoTrust {
    /** repomd.xml must carry a good signature (dnf's repo_gpgcheck=1); its checksums then vouch for everything. */
    SIGNED_REPOMD,
    /**
     * The caller checks every package's own signature (dnf's gpgcheck=1), so an unsigned repomd.xml is accepted:
     * openEuler signs packages but publishes no repomd.xml.asc.
     */
    SIGNED_PACKAGES
}

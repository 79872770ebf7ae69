package io.crossroot.pkgbuild.repo;

import java.util.List;

/**
 * A repository a root can be bootstrapped from, whatever its format: a Debian suite (Packages indexes) or an
 * rpm-md repository (repomd.xml, primary.xml). Resolvers and root builders that work on {@link PackageEntry}
 * lists need no change to take packages from another format.
 */
public interface PackageSource {
    /** e.g. "debian trixie/main" or "rpm-md file:/srv/repo/". */
    String describe();

    /** The packages installable on {@code arch} (in the source's own architecture naming) plus arch-independent ones. */
    List<PackageEntry> packages(String arch);
}

package io.crossroot.rpm.repo;

import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmVersion;
import java.util.List;

/**
 * A package as primary.xml describes it: identity, the .rpm file (location, checksum, size) and its dependencies.
 * {@code preRequires} are the requirements marked pre="1" (needed by a scriptlet, so installed first); they are
 * also in {@code requires}. {@code files} are those primary lists (binaries and /etc), not all.
 */
public record RpmPackage(
        String name,
        String arch,
        RpmVersion evr,
        RepoFile file,
        String license,
        String sourceRpm,
        List<RpmDependency.Simple> provides,
        List<RpmDependency> requires,
        List<RpmDependency> preRequires,
        List<RpmDependency> conflicts,
        List<RpmDependency> obsoletes,
        List<RpmDependency> recommends,
        List<RpmDependency> suggests,
        List<RpmDependency> supplements,
        List<RpmDependency> enhances,
        List<ListedFile> files) {
    public RpmPackage {
        provides = List.copyOf(provides);
        requires = List.copyOf(requires);
        preRequires = List.copyOf(preRequires);
        conflicts = List.copyOf(conflicts);
        obsoletes = List.copyOf(obsoletes);
        recommends = List.copyOf(recommends);
        suggests = List.copyOf(suggests);
        supplements = List.copyOf(supplements);
        enhances = List.copyOf(enhances);
        files = List.copyOf(files);
    }

    /** name-[epoch:]version-release.arch, as dnf names a package. */
    public String nevra() {
        return name + "-" + evr + "." + arch;
    }

    @Override
    public String toString() {
        return nevra();
    }
}

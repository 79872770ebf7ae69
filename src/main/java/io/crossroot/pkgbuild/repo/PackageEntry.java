package io.crossroot.pkgbuild.repo;

import java.util.List;

/**
 * One binary package as a repository describes it, format-neutral.
 *
 * @param version  the format's full version text (Debian "1:2.3-1", RPM "EPOCH:VER-REL")
 * @param location the package file's path relative to the repository root
 * @param requires names of what it needs (Debian Pre-Depends and Depends, RPM requires), without versions
 * @param provides names it provides besides its own
 */
public record PackageEntry(String name, String version, String arch, String location, long size, String sha256,
        List<String> requires, List<String> provides) {
    public PackageEntry {
        requires = List.copyOf(requires);
        provides = List.copyOf(provides);
    }
}

package io.crossroot.rpm.repo;

import io.crossroot.rpm.RpmVersion;
import java.util.List;

/** All paths of one package, from filelists.xml; {@code pkgid} is the package checksum primary.xml gives. */
public record PackageFiles(String pkgid, String name, String arch, RpmVersion evr, List<ListedFile> files) {
    public PackageFiles {
        files = List.copyOf(files);
    }
}

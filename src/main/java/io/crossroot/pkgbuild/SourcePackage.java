package io.crossroot.pkgbuild;

import io.crossroot.debian.PackageNames;
import io.crossroot.debian.Paragraph;
import java.nio.file.Path;
import java.util.List;

/**
 * A Debian source package ready to build: its name and version, the stanza carrying its build-dependencies (the
 * .dsc, or debian/control's source stanza), and either a verified .dsc with its files or an unpacked tree.
 *
 * @param dsc   the .dsc, with {@code files} beside it (all verified); null for an unpacked tree
 * @param tree  the unpacked source tree (has debian/control); null for a .dsc
 */
public record SourcePackage(String name, String version, Paragraph stanza, Path dsc, List<Path> files, Path tree) {
    public SourcePackage {
        // both name files and directories in the build root (NAME-VERSION/, NAME_VERSION_ARCH.build)
        PackageNames.name(name, "The source package");
        PackageNames.version(version, "The source package " + name);
        files = List.copyOf(files);
    }

    public boolean isTree() {
        return tree != null;
    }

    /** The version without its epoch, as it appears in file names (1:2.3-1 becomes 2.3-1). */
    public String fileVersion() {
        int colon = version.indexOf(':');
        return colon < 0 ? version : version.substring(colon + 1);
    }
}

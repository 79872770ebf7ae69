package io.crossroot.pkgbuild;

import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a SOURCE argument into its package format's build: a .spec, a .dsc, a Debian source tree, or a source package
 * name.
 */
public final class SourceResolver {
    private static final String NAME = "[a-z0-9][a-z0-9+.-]+";

    private final ArchiveSources archive;
    private final Path downloads;

    /** @param downloads where sources fetched by name are laid out under their file names */
    public SourceResolver(ArchiveSources archive, Path downloads) {
        this.archive = archive;
        this.downloads = downloads;
    }

    PackageFormatBuild formatOf(PackageBuildRequest request) {
        String arg = request.source();
        Path path = Path.of(arg);
        if (arg.endsWith(".spec")) {
            requireFile(path, "an RPM spec file");
            return RpmPackageBuild.load(path, request.debianArch());
        }
        if (arg.endsWith(".dsc")) {
            requireFile(path, "a Debian source description");
            return new DebianPackageBuild(DscFile.load(path), request.debianArch(), request.profiles());
        }
        if (Files.isDirectory(path)) {
            if (!SourceTree.looksLikeTree(path)) {
                throw new UserError(path + " is a directory without debian/control, so it is not an unpacked Debian "
                        + "source tree. Give a source package name, a .dsc, a source tree or an RPM .spec.");
            }
            return new DebianPackageBuild(SourceTree.load(path), request.debianArch(), request.profiles());
        }
        if (!arg.matches(NAME)) {
            throw new UserError("'" + arg + "' is neither an existing .dsc, .spec or source tree nor a source package "
                    + "name (lower-case letters, digits, '+', '-', '.').");
        }
        SourcePackage src = archive.fetch(arg, downloads.resolve(arg));
        return new DebianPackageBuild(src, request.debianArch(), request.profiles());
    }

    private static void requireFile(Path p, String what) {
        if (!Files.isRegularFile(p)) {
            throw new UserError(p + " does not exist (expected " + what + ").");
        }
    }
}

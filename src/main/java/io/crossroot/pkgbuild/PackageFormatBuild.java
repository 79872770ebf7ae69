package io.crossroot.pkgbuild;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What differs between package formats: the packages the root needs, where the sources go, the commands. */
interface PackageFormatBuild {
    String name();

    String version();

    /** Packages (resolver relations) to install on top of the buildd variant. */
    List<String> rootPackages();

    /** Copies the sources into the build user's home inside the root (host side). */
    void stage(Path home) throws IOException;

    /** Shell commands run as the build user in /build before the timed build (e.g. unpacking); empty for none. */
    String prepare();

    /** The timed build command, run as the build user in /build. */
    String build(int jobs);

    /** Environment variables for both commands beyond PATH, HOME and the locale. */
    java.util.Map<String, String> env(int jobs);

    /** Glob patterns, relative to /build, of the files to collect. */
    List<String> artifacts();
}

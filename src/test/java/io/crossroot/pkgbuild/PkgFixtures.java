package io.crossroot.pkgbuild;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real files under src/test/resources/fixtures/pkgbuild (see the README there). */
final class PkgFixtures {
    private static final List<String> PROBE_FILES = List.of(
            "Makefile",
            "probe.c",
            "probe.sh",
            "debian/changelog",
            "debian/control",
            "debian/copyright",
            "debian/rules",
            "debian/source/format");

    private PkgFixtures() {}

    /**
     * A copy of accel-probe, a small real debhelper package with hello's build-dependencies and python3 (for its
     * probe of EXT_SUFFIX) whose probe.txt records what its build saw, at {@code tree}, debian/rules executable.
     */
    static Path probeTree(Path tree) throws IOException {
        for (String f : PROBE_FILES) {
            Path target = tree.resolve(f);
            Files.createDirectories(target.getParent());
            try (InputStream in = PkgFixtures.class.getResourceAsStream("/fixtures/pkgbuild/accel-probe/" + f)) {
                Files.copy(in, target);
            }
        }
        tree.resolve("debian/rules").toFile().setExecutable(true, false);
        return tree;
    }

    static Path path(String name) {
        try {
            var url = PkgFixtures.class.getResource("/fixtures/pkgbuild/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

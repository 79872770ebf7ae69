package io.crossroot.pkgbuild;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The real files under src/test/resources/fixtures/pkgbuild (see the README there). */
final class PkgFixtures {
    private PkgFixtures() {}

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

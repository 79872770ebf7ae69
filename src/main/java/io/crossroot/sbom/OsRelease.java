package io.crossroot.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The release code name a root's /etc/os-release gives (VERSION_CODENAME), for a root crossroot did not build. */
final class OsRelease {
    private static final int LIMIT = 64 << 10;

    private OsRelease() {}

    /** The code name ("trixie"), or null when the root does not say. */
    static String codename(Path root) throws IOException {
        for (String path : new String[] {"etc/os-release", "usr/lib/os-release"}) {
            var file = BoundedFile.read(root, path, LIMIT);
            if (file.isEmpty()) {
                continue;
            }
            for (String line : new String(file.get().bytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("VERSION_CODENAME=")) {
                    String value = line.substring("VERSION_CODENAME=".length())
                            .strip()
                            .replace("\"", "")
                            .replace("'", "");
                    return value.matches("[a-z0-9.-]+") ? value : null;
                }
            }
            return null;
        }
        return null;
    }
}

package io.crossroot.sbom;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the installed packages from a root's dpkg status database (var/lib/dpkg/status), confined to the root. */
final class DpkgStatus {
    static final String PATH = "var/lib/dpkg/status";

    /** Far beyond the status file of any real system (a full desktop's is a few MiB). */
    static final int LIMIT = 64 << 20;

    /** "Source: name" or "Source: name (version)". */
    private static final Pattern SOURCE = Pattern.compile("([^\\s(]+)(?:\\s*\\(([^)]+)\\))?");

    private DpkgStatus() {}

    static List<InstalledPackage> read(Path root) throws IOException {
        BoundedFile.Read status = BoundedFile.read(root, PATH, LIMIT)
                .orElseThrow(() -> new UserError(root + " has no dpkg status database (" + PATH + ") to list its "
                        + "packages from. Give a Debian root filesystem."));
        if (status.truncated()) {
            throw new UserError(root + "/" + PATH + " is larger than " + (LIMIT >> 20) + " MiB, beyond any real "
                    + "dpkg status database; the root is damaged or not a Debian system.");
        }
        List<InstalledPackage> out = new ArrayList<>();
        String source = root + "/" + PATH;
        for (Paragraph p : Deb822.of(new ByteArrayInputStream(status.bytes()), source)) {
            installed(p, source, out);
        }
        return out;
    }

    private static void installed(Paragraph p, String source, List<InstalledPackage> out) {
        String state = p.getOrDefault("Status", "").strip();
        if (!state.endsWith(" installed")) {
            return; // config-files, half-installed, not-installed: nothing of it is in the root as a package
        }
        String name = p.getOrDefault("Package", "").strip();
        String version = p.getOrDefault("Version", "").strip();
        String arch = p.getOrDefault("Architecture", "").strip();
        if (name.isEmpty() || version.isEmpty() || arch.isEmpty()) {
            throw new UserError(source + ": the stanza at line " + p.line() + " has no Package, Version or "
                    + "Architecture; the dpkg database is damaged.");
        }
        String sourceName = name;
        String sourceVersion = version;
        String field = p.get("Source");
        if (field != null && !field.isBlank()) {
            Matcher m = SOURCE.matcher(field.strip());
            if (m.matches()) {
                sourceName = m.group(1);
                sourceVersion = m.group(2) == null ? version : m.group(2).strip();
            }
        }
        out.add(new InstalledPackage(name, version, arch, sourceName, sourceVersion));
    }
}

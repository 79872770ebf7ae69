package io.crossroot.pkgbuild;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An unpacked Debian source tree: debian/control's source stanza and the version of debian/changelog's top entry. */
public final class SourceTree {
    // "hello (2.10-3) unstable; urgency=medium"
    private static final Pattern CHANGELOG_HEAD = Pattern.compile("^([a-z0-9][a-z0-9+.-]*) \\(([^()\\s]+)\\)");

    private SourceTree() {}

    public static boolean looksLikeTree(Path dir) {
        return Files.isRegularFile(dir.resolve("debian/control"));
    }

    public static SourcePackage load(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path control = abs.resolve("debian/control");
        Path changelog = abs.resolve("debian/changelog");
        try {
            List<Paragraph> stanzas = Deb822.parseAll(Files.readString(control), control.toString());
            if (stanzas.isEmpty() || !stanzas.get(0).has("Source")) {
                throw new UserError(control + " does not start with a Source stanza, so it is not a Debian source "
                        + "package's control file.");
            }
            if (!Files.isRegularFile(changelog)) {
                throw new UserError(abs + " has no debian/changelog, which names the version to build.");
            }
            String head = Files.readAllLines(changelog).stream()
                    .filter(l -> !l.isBlank())
                    .findFirst()
                    .orElse("");
            Matcher m = CHANGELOG_HEAD.matcher(head);
            if (!m.find()) {
                throw new UserError(
                        changelog + " does not start with 'PACKAGE (VERSION) SUITE; urgency=...': '" + head + "'.");
            }
            return new SourcePackage(
                    stanzas.get(0).get("Source").strip(), m.group(2), stanzas.get(0), null, List.of(), abs);
        } catch (IOException e) {
            throw new UserError("Cannot read the source tree " + abs + ": " + e.getMessage(), e);
        }
    }
}

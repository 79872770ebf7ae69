package io.crossroot.pkgbuild;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.ConfinedRoot;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local .dsc and the files it lists beside it. The maintainer's OpenPGP signature is not checked (there is no
 * keyring for it); the files are, against the .dsc's Checksums-Sha256, before anything is unpacked.
 */
public final class DscFile {
    private DscFile() {}

    /** The .dsc's stanza, with a clearsign armor removed. */
    public static Paragraph read(Path dsc) {
        try {
            return parse(Files.readString(dsc, StandardCharsets.UTF_8), dsc.toString());
        } catch (IOException e) {
            throw new UserError("Cannot read the source description " + dsc + ": " + e.getMessage(), e);
        }
    }

    static Paragraph parse(String text, String source) {
        return Deb822.parseOne(stripClearsign(text), source);
    }

    /** The signed text of an OpenPGP clearsigned message, or {@code text} when it is not signed. */
    static String stripClearsign(String text) {
        if (!text.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")) {
            return text;
        }
        int body = text.indexOf("\n\n");
        int sig = text.indexOf("\n-----BEGIN PGP SIGNATURE-----");
        if (body < 0 || sig < body) {
            throw new UserError("The .dsc is a malformed OpenPGP clearsigned message: no body between its header "
                    + "and its signature.");
        }
        // dash-escaping: lines starting with '-' are written "- -"
        return text.substring(body + 2, sig + 1).replaceAll("(?m)^- ", "");
    }

    /** Verifies every file the .dsc lists (size and SHA256) and returns their paths, .dsc first. */
    public static SourcePackage load(Path dsc) {
        Path abs = dsc.toAbsolutePath().normalize();
        Paragraph p = read(abs);
        String name = require(p, "Source", abs);
        String version = require(p, "Version", abs);
        List<Path> files = new ArrayList<>();
        files.add(abs);
        for (SourceChecksums.Entry e : SourceChecksums.parse(p, abs.toString())) {
            Path f = abs.resolveSibling(ConfinedRoot.checkedFileName(e.name(), "A file listed in " + abs));
            LocalFileCheck.verify(f, e.size(), e.sha256(), "listed in " + abs);
            files.add(f);
        }
        return new SourcePackage(name, version, p, abs, files, null);
    }

    private static String require(Paragraph p, String field, Path dsc) {
        String v = p.get(field);
        if (v == null || v.isBlank()) {
            throw new UserError(dsc + " has no " + field + " field, so it is not a Debian source description.");
        }
        return v.strip();
    }
}

package io.crossroot.pkgbuild;

import io.crossroot.debian.Paragraph;
import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;

/** The Checksums-Sha256 field of a .dsc: one "SHA256 SIZE NAME" line per file. */
final class SourceChecksums {
    record Entry(String sha256, long size, String name) {}

    private SourceChecksums() {}

    static List<Entry> parse(Paragraph p, String where) {
        String field = p.get("Checksums-Sha256");
        if (field == null || field.isBlank()) {
            throw new UserError(where + " has no Checksums-Sha256 field, so its files cannot be verified.");
        }
        List<Entry> out = new ArrayList<>();
        for (String line : field.strip().split("\n")) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length != 3
                    || !parts[0].matches("[0-9a-fA-F]{64}")
                    || !parts[1].matches("\\d+")
                    || parts[2].contains("/")
                    || parts[2].startsWith(".")) {
                throw new UserError(where + " has a malformed Checksums-Sha256 line '" + line.strip()
                        + "' (expected SHA256 SIZE FILENAME).");
            }
            out.add(new Entry(parts[0].toLowerCase(java.util.Locale.ROOT), Long.parseLong(parts[1]), parts[2]));
        }
        return out;
    }
}

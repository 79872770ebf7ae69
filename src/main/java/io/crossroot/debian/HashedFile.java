package io.crossroot.debian;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file the archive vouches for: its path (relative to the suite's dists/ directory for indexes, to the mirror
 * root for pool files), size and SHA256, as listed in a signed Release or in an index.
 */
public record HashedFile(String path, long size, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public HashedFile {
        sha256 = checkSha256(sha256);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
        // The path goes into a URL or a file:// path: nothing may climb out of the mirror.
        if (path.isEmpty()
                || path.startsWith("/")
                || path.contains("\\")
                || ("/" + path + "/").contains("/../")
                || ("/" + path + "/").contains("/./")) {
            throw new IllegalArgumentException("unsafe archive path: " + path);
        }
    }

    /** The .deb a Packages paragraph describes (Filename, Size, SHA256). */
    public static HashedFile ofPackage(Paragraph pkg) {
        String name = pkg.getOrDefault("Package", "?") + " " + pkg.getOrDefault("Version", "?");
        try {
            return new HashedFile(field(pkg, "Filename"), Long.parseLong(field(pkg, "Size")), field(pkg, "SHA256"));
        } catch (IllegalArgumentException e) {
            throw new UserError("The index entry for " + name + " (line " + pkg.line() + ") is unusable: "
                    + e.getMessage() + ". Only Packages entries with Filename, Size and SHA256 can be downloaded.");
        }
    }

    /** The files of a Sources paragraph (Directory plus each Checksums-Sha256 line). */
    public static List<HashedFile> ofSource(Paragraph src) {
        String name = src.getOrDefault("Package", "?") + " " + src.getOrDefault("Version", "?");
        try {
            String dir = field(src, "Directory");
            List<HashedFile> out = new ArrayList<>();
            for (String line : field(src, "Checksums-Sha256").strip().split("\n")) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("bad Checksums-Sha256 line '" + line.strip() + "'");
                }
                out.add(new HashedFile(dir + "/" + parts[2], Long.parseLong(parts[1]), parts[0]));
            }
            return List.copyOf(out);
        } catch (IllegalArgumentException e) {
            throw new UserError("The Sources entry for " + name + " (line " + src.line() + ") is unusable: "
                    + e.getMessage() + ". Only entries with Directory and Checksums-Sha256 can be downloaded.");
        }
    }

    private static String field(Paragraph p, String name) {
        String v = p.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no " + name + " field");
        }
        return v;
    }

    /** The digest in lower case; the hash names a cache file, so anything but 64 hex digits is rejected. */
    static String checkSha256(String sha256) {
        String lower = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(lower).matches()) {
            throw new IllegalArgumentException("not a SHA256 hex digest: " + sha256);
        }
        return lower;
    }
}

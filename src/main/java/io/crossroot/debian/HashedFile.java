package io.crossroot.debian;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A file the archive vouches for: its path (relative to the suite's dists/ directory for indexes, to the mirror
 * root for pool files), size and SHA256, as listed in a signed Release or in an index.
 */
public record HashedFile(String path, long size, String sha256) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public HashedFile {
        sha256 = sha256.toLowerCase(Locale.ROOT);
        // The hash names a cache file and the path goes into a URL: reject anything that could escape either.
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA256 hex digest: " + sha256 + " (for " + path + ")");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + path);
        }
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
            throw new IllegalArgumentException("unsafe archive path: " + path);
        }
    }

    /** SHA256 of {@code bytes}, lower-case hex. */
    static String sha256Of(byte[] bytes) {
        return HexFormat.of().formatHex(Digests.sha256().digest(bytes));
    }
}

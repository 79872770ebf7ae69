package io.crossroot.debian;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digests Debian's archive and dpkg's database use. */
public final class Digests {
    private Digests() {}

    public static MessageDigest sha256() {
        return of("SHA-256");
    }

    public static MessageDigest md5() {
        return of("MD5");
    }

    /** The lower-case hex digest of a file's bytes. */
    public static String hexOf(Path file, MessageDigest digest) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest of(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}

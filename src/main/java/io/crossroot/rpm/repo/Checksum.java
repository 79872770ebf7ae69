package io.crossroot.rpm.repo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;

/**
 * A checksum as rpm-md writes it: a type (sha256, sha512, sha1 or its old name sha, sha224, sha384) and the lower
 * case hex digest, checked for the type's length because the digest also names a cache file.
 */
public record Checksum(String type, String hex) {
    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha1", "SHA-1", "sha", "SHA-1", "sha224", "SHA-224", "sha256", "SHA-256", "sha384", "SHA-384", "sha512",
            "SHA-512");

    public Checksum {
        type = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.containsKey(type)) {
            throw new IllegalArgumentException(
                    "checksum type '" + type + "' is not one of sha1, sha224, sha256, " + "sha384, sha512");
        }
        if (type.equals("sha")) {
            type = "sha1";
        }
        hex = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
        int length = newDigest(type).getDigestLength() * 2;
        if (hex.length() != length || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException(
                    "'" + hex + "' is not a " + type + " digest (" + length + " hex digits)");
        }
    }

    /** A fresh digest of this checksum's type. */
    public MessageDigest newDigest() {
        return newDigest(type);
    }

    private static MessageDigest newDigest(String type) {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(type));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHMS.get(type), e);
        }
    }

    @Override
    public String toString() {
        return type + ":" + hex;
    }
}

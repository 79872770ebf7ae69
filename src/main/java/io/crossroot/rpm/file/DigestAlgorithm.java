package io.crossroot.rpm.file;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The OpenPGP hash algorithm numbers rpm uses for file and payload digests, mapped to Java's digests. */
public final class DigestAlgorithm {
    public static final int MD5 = 1;
    public static final int SHA1 = 2;
    public static final int SHA256 = 8;
    public static final int SHA384 = 9;
    public static final int SHA512 = 10;
    public static final int SHA224 = 11;

    private DigestAlgorithm() {}

    /** A fresh digest for {@code algorithm}; an unknown number is a damaged package. */
    static MessageDigest create(int algorithm, Object source) {
        String name = switch (algorithm) {
            case MD5 -> "MD5";
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            case SHA512 -> "SHA-512";
            case SHA224 -> "SHA-224";
            default -> throw new RpmFormatError(source, "it names the unknown digest algorithm " + algorithm);
        };
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

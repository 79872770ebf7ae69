package io.crossroot.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A sha256 content digest as OCI writes it: "sha256:" + 64 hex digits. */
public record Digest(String hex) {
    private static final String PREFIX = "sha256:";

    public Digest {
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 hex digest: " + hex);
        }
    }

    public static Digest parse(String s) {
        if (!s.startsWith(PREFIX)) {
            throw new IllegalArgumentException("only sha256 digests are supported: " + s);
        }
        return new Digest(s.substring(PREFIX.length()));
    }

    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(newSha256().digest(bytes)));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Path of the blob below an OCI layout's root: blobs/sha256/HEX. */
    public String blobPath() {
        return "blobs/sha256/" + hex;
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }
}

package io.crossroot.oci;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Passes bytes through while computing their sha256 and counting them, so a blob is hashed as it is written. */
final class HashingOutputStream extends FilterOutputStream {
    private final MessageDigest sha = Digest.newSha256();
    private long size;

    HashingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha.update(b, off, len);
        size += len;
    }

    /** Call once, after the last write. */
    Digest digest() {
        return new Digest(HexFormat.of().formatHex(sha.digest()));
    }

    long size() {
        return size;
    }
}

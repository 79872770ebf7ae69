package io.crossroot.docker.http;

import java.io.IOException;
import java.io.InputStream;

/** An input stream defined by its block read alone; single-byte reads go through it. */
abstract class BlockInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        while ((n = read(one, 0, 1)) == 0) {
            // a zero-length read is no answer: ask again
        }
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}

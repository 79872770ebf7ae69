package io.crossroot.docker.http;

import java.io.IOException;
import java.io.InputStream;

/** Decodes an HTTP/1.1 chunked body. */
final class ChunkedInputStream extends BlockInputStream {
    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            String size = HttpLines.readLine(in);
            int semicolon = size.indexOf(';');
            remaining = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (remaining == 0) {
                while (!HttpLines.readLine(in).isEmpty()) {
                    // trailers
                }
                done = true;
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new IOException("the engine closed the connection inside a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            HttpLines.readLine(in); // CRLF after the chunk
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

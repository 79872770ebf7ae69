package io.crossroot.docker;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The engine's multiplexed output of a container without a TTY: frames of an 8-byte header (stream type 1 stdout,
 * 2 stderr; 3 zero bytes; big-endian length) and the payload.
 */
final class StreamFrames {
    private static final int STDERR = 2;

    private StreamFrames() {}

    static void demultiplex(InputStream in, OutputStream stdout, OutputStream stderr) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[8];
        byte[] buffer = new byte[8192];
        while (true) {
            try {
                data.readFully(header);
            } catch (EOFException e) {
                return;
            }
            OutputStream target = header[0] == STDERR ? stderr : stdout;
            long left = ((header[4] & 0xffL) << 24)
                    | ((header[5] & 0xff) << 16)
                    | ((header[6] & 0xff) << 8)
                    | (header[7] & 0xff);
            while (left > 0) {
                int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException("the engine ended a log frame early");
                }
                target.write(buffer, 0, n);
                left -= n;
            }
            target.flush();
        }
    }
}

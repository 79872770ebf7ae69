package io.crossroot.debian.deb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Streaming reader of the ar archive wrapping a .deb. Checks every header field and bounds every member by the
 * bytes actually left in the file, so a lying size field can never make it read past the end or allocate.
 */
final class ArReader {
    private static final byte[] MAGIC = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 60;

    /** One member; {@code data} reads exactly {@code size} bytes and is valid until the next {@link #next()}. */
    record Member(String name, long size, InputStream data) {}

    private final InputStream in;
    private final Path file;
    private long remaining; // bytes of the file not yet consumed
    private long pending; // bytes of the current member (with padding) not yet consumed

    ArReader(InputStream in, long fileSize, Path file) throws IOException {
        this.in = in;
        this.file = file;
        this.remaining = fileSize;
        byte[] magic = readFully(MAGIC.length, "the ar header");
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new DebFormatError(file, "it does not start with the ar signature '!<arch>'");
        }
    }

    /** The next member, or null at the end of the archive. */
    Member next() throws IOException {
        skip(pending);
        pending = 0;
        if (remaining == 0) {
            return null;
        }
        byte[] h = readFully(HEADER, "a member header");
        String header = new String(h, StandardCharsets.US_ASCII);
        if (h[58] != '`' || h[59] != '\n') {
            throw new DebFormatError(file, "a member header is damaged (no end marker)");
        }
        String name = header.substring(0, 16).strip();
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1); // GNU ar style
        }
        String sizeField = header.substring(48, 58).strip();
        if (name.isEmpty() || !sizeField.matches("[0-9]{1,10}")) {
            throw new DebFormatError(
                    file, "a member header is damaged (name '" + name + "', size '" + sizeField + "')");
        }
        long size = Long.parseLong(sizeField);
        if (size > remaining) {
            throw new DebFormatError(
                    file,
                    "member " + name + " claims " + size + " bytes but only " + remaining
                            + " remain (the file is truncated)");
        }
        // Members are padded to even offsets; a missing final pad byte is tolerated as ar tools do.
        pending = Math.min(size + (size & 1), remaining);
        return new Member(name, size, new Bounded(size, name));
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw truncated("skipping to the next member");
                }
                s = 1;
            }
            n -= s;
            remaining -= s;
        }
    }

    private byte[] readFully(int n, String what) throws IOException {
        if (remaining < n) {
            throw truncated("reading " + what);
        }
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw truncated("reading " + what);
        }
        remaining -= n;
        return b;
    }

    private DebFormatError truncated(String when) {
        return new DebFormatError(file, "the file ends unexpectedly while " + when + " (it is truncated)");
    }

    /** Reads one member's bytes and no more; fails if the file ends first. */
    private final class Bounded extends InputStream {
        private long left;
        private final String name;

        Bounded(long size, String name) {
            this.left = size;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("member " + name + " of " + file + " is truncated");
            }
            left -= n;
            pending -= n;
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            // the rest is skipped by next(); the archive stream stays open
        }
    }
}

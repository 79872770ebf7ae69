package io.crossroot.rpm.file;

import io.crossroot.util.ConfinedRoot;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntToLongFunction;

/**
 * Reads the cpio archive of an rpm payload: SVR4 "newc" members (070701, or 070702 with a checksum rpm never
 * fills) and rpm's stripped members (07070X: the magic, 8 hex digits of the header file index, padding to 4;
 * the size comes from the header). Every field is checked and every size bounded by what the stream holds.
 */
public final class CpioReader {
    static final String TRAILER = "TRAILER!!!";
    /** Longest member name accepted: PATH_MAX, as rpm limits it. */
    static final int MAX_NAME = 4096;

    private static final int NEWC_FIELDS = 13;

    private final InputStream in;
    private final Object source;
    private final IntToLongFunction strippedSize;
    private long position;
    private long left; // unread data of the current member
    private boolean done;

    /**
     * @param source       what the payload belongs to, for errors
     * @param strippedSize the size of the header's file {@code index}; throws an {@link RpmFormatError} for an index
     *                     the header does not have
     */
    public CpioReader(InputStream in, Object source, IntToLongFunction strippedSize) {
        this.in = in;
        this.source = source;
        this.strippedSize = strippedSize;
    }

    /** The next member, its data readable through {@link #data()}; null after the trailer. */
    public CpioEntry next() throws IOException {
        if (done) {
            return null;
        }
        skip(left);
        left = 0;
        skip(pad(position));
        String magic = ascii(read(6, "a member header"));
        CpioEntry entry;
        if (magic.equals("07070X")) {
            long index = hex(read(8, "a member header"), "file index");
            skip(pad(position));
            if (index > Integer.MAX_VALUE) {
                throw new RpmFormatError(source, "a stripped payload member names file " + index);
            }
            long size = strippedSize.applyAsLong((int) index);
            entry = new CpioEntry(null, (int) index, 0, 1, size);
        } else if (magic.equals("070701") || magic.equals("070702")) {
            byte[] header = read(NEWC_FIELDS * 8, "a member header");
            long[] f = new long[NEWC_FIELDS];
            for (int i = 0; i < NEWC_FIELDS; i++) {
                f[i] = hex(java.util.Arrays.copyOfRange(header, i * 8, i * 8 + 8), "header field");
            }
            long nameSize = f[11];
            if (nameSize < 2 || nameSize > MAX_NAME) {
                throw new RpmFormatError(source, "a payload member's name is " + nameSize + " bytes long");
            }
            byte[] nameBytes = read((int) nameSize, "a member name");
            String name = nul(nameBytes);
            skip(pad(position));
            if (name.equals(TRAILER)) {
                done = true;
                return null;
            }
            String checked = ConfinedRoot.checkedName(name, source);
            entry = new CpioEntry(checked, -1, (int) f[1], f[4], f[6]);
        } else {
            throw new RpmFormatError(
                    source,
                    "its payload holds a member with the magic '" + printable(magic)
                            + "' where a cpio header (070701) belongs");
        }
        left = entry.size();
        return entry;
    }

    /** The current member's data; reads stop at its end. */
    public InputStream data() {
        return new InputStream() {
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
                    throw cutShort("a member's data");
                }
                left -= n;
                position += n;
                return n;
            }
        };
    }

    private String nul(byte[] nameBytes) {
        int end = nameBytes.length - 1;
        if (nameBytes[end] != 0) {
            throw new RpmFormatError(source, "a payload member's name is not terminated by a NUL byte");
        }
        for (int i = 0; i < end; i++) {
            if (nameBytes[i] == 0) {
                throw new RpmFormatError(source, "a payload member's name holds a NUL byte");
            }
        }
        return new String(nameBytes, 0, end, StandardCharsets.UTF_8);
    }

    private long hex(byte[] field, String what) {
        long v = 0;
        for (byte c : field) {
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f') {
                throw new RpmFormatError(
                        source,
                        "a payload member's " + what + " is not hexadecimal ('" + printable(ascii(field)) + "')");
            }
            v = v << 4 | d;
        }
        return v;
    }

    private byte[] read(int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        position += b.length;
        if (b.length < n) {
            throw cutShort(what);
        }
        return b;
    }

    private void skip(long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw cutShort("a member's data");
        }
        position += n;
    }

    private RpmFormatError cutShort(String what) {
        return new RpmFormatError(source, "its payload ends in the middle of " + what + " (no cpio trailer)");
    }

    private static long pad(long position) {
        return (4 - (position & 3)) & 3;
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** Reads to the end, for the stream's own checks (CRCs) after the trailer. */
    void drain() throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }
}

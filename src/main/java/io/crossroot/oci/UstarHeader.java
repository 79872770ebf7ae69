package io.crossroot.oci;

/**
 * Formats a ustar header block for the common entry: an ASCII name and link name shorter than 100 bytes and
 * numbers that fit their octal fields (what needs more gets a pax header first, see {@link LayerTarWriter}).
 * <p>
 * The bytes are exactly those commons-compress writes for such an entry (numbers as zero-padded octal and a
 * space, magic "ustar\0" version "00", empty user and group names), so a layer's digest does not depend on which
 * of the two formatted it; formatting the block here takes a fraction of the time, and a layer has thousands.
 */
final class UstarHeader {
    static final int BLOCK = 512;
    private static final int CHECKSUM_OFFSET = 148;

    private UstarHeader() {}

    /** Whether {@code s} fits a 100-byte name field as it is: ASCII and shorter than the field. */
    static boolean fitsNameField(String s) {
        if (s.length() >= 100) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The header block; {@code link} may be null. The caller has checked the fields fit (see the class comment). */
    static byte[] format(
            String name,
            byte typeFlag,
            int mode,
            long uid,
            long gid,
            long size,
            long mtime,
            String link,
            int devMajor,
            int devMinor) {
        byte[] b = new byte[BLOCK];
        ascii(name, b, 0);
        octal(mode, b, 100, 8);
        octal(uid, b, 108, 8);
        octal(gid, b, 116, 8);
        octal(size, b, 124, 12);
        octal(mtime, b, 136, 12);
        for (int i = CHECKSUM_OFFSET; i < CHECKSUM_OFFSET + 8; i++) {
            b[i] = ' '; // the checksum counts its own field as spaces
        }
        b[156] = typeFlag;
        if (link != null) {
            ascii(link, b, 157);
        }
        ascii("ustar", b, 257); // "ustar\0"
        b[263] = '0';
        b[264] = '0';
        octal(devMajor, b, 329, 8);
        octal(devMinor, b, 337, 8);
        long sum = 0;
        for (byte x : b) {
            sum += x & 0xff;
        }
        digits(sum, b, CHECKSUM_OFFSET, 6); // six digits, NUL, space
        b[CHECKSUM_OFFSET + 6] = 0;
        b[CHECKSUM_OFFSET + 7] = ' ';
        return b;
    }

    private static void ascii(String s, byte[] b, int offset) {
        for (int i = 0; i < s.length(); i++) {
            b[offset + i] = (byte) s.charAt(i);
        }
    }

    /** A number as {@code length - 1} zero-padded octal digits and a space. */
    private static void octal(long value, byte[] b, int offset, int length) {
        digits(value, b, offset, length - 1);
        b[offset + length - 1] = ' ';
    }

    private static void digits(long value, byte[] b, int offset, int count) {
        long v = value;
        for (int i = offset + count - 1; i >= offset; i--) {
            b[i] = (byte) ('0' + (v & 7));
            v >>>= 3;
        }
        if (v != 0) {
            throw new IllegalArgumentException(value + " does not fit " + count + " octal digits");
        }
    }
}

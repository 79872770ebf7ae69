package io.crossroot.arch;

import java.util.HexFormat;

/**
 * The magic and mask a binfmt_misc "M" rule compares against the first bytes of a file: the kernel runs the
 * interpreter when (header &amp; mask) == magic. crossroot uses qemu's own rules (its binfmt.d files) so that its
 * entries match exactly the binaries a distribution's qemu-user-binfmt would.
 */
public record BinfmtPattern(byte[] magic, byte[] mask) {
    public BinfmtPattern {
        if (magic.length != mask.length) {
            throw new IllegalArgumentException("magic and mask differ in length");
        }
        magic = magic.clone();
        mask = mask.clone();
    }

    /** A pattern from hex strings, e.g. "7f454c46...". */
    public static BinfmtPattern ofHex(String magicHex, String maskHex) {
        return new BinfmtPattern(
                HexFormat.of().parseHex(magicHex), HexFormat.of().parseHex(maskHex));
    }

    /** True when the kernel would match {@code header} (which may be longer) with this rule at {@code offset}. */
    public boolean matches(byte[] header, int offset) {
        if (header.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((header[offset + i] & mask[i]) != (magic[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when both rules accept exactly the same headers: equal masks and equal magic under the mask (the kernel
     * ignores magic bits the mask clears, so two spellings of one rule compare equal here).
     */
    public boolean sameRule(BinfmtPattern other) {
        if (!java.util.Arrays.equals(mask, other.mask)) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((magic[i] & mask[i]) != (other.magic[i] & other.mask[i])) {
                return false;
            }
        }
        return true;
    }

    // Records compare arrays by identity; two patterns with the same bytes are the same pattern.
    @Override
    public boolean equals(Object o) {
        return o instanceof BinfmtPattern p
                && java.util.Arrays.equals(magic, p.magic)
                && java.util.Arrays.equals(mask, p.mask);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(magic) + java.util.Arrays.hashCode(mask);
    }

    @Override
    public String toString() {
        return "BinfmtPattern[magic=" + magicHex() + ", mask=" + maskHex() + "]";
    }

    @Override
    public byte[] magic() {
        return magic.clone();
    }

    @Override
    public byte[] mask() {
        return mask.clone();
    }

    /** The kernel's register syntax: every byte as \xNN. */
    public static String escape(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 4);
        for (byte b : bytes) {
            sb.append("\\x").append(HexFormat.of().toHexDigits(b));
        }
        return sb.toString();
    }

    public String magicHex() {
        return HexFormat.of().formatHex(magic);
    }

    public String maskHex() {
        return HexFormat.of().formatHex(mask);
    }
}

package io.crossroot.arch;

import java.util.HexFormat;

/**
 * The magic and mask a binfmt_misc "M" rule compares against the first bytes of a file: the kernel runs the
 * interpreter when (header &amp; mask) == magic. Derived from the ELF identity the same way qemu's
 * qemu-binfmt-conf.sh does: ELF magic, class, data, version 1, any OS ABI, e_type EXEC or DYN, e_machine.
 */
public record BinfmtPattern(byte[] magic, byte[] mask) {
    public BinfmtPattern {
        if (magic.length != mask.length) {
            throw new IllegalArgumentException("magic and mask differ in length");
        }
        magic = magic.clone();
        mask = mask.clone();
    }

    public static BinfmtPattern forElf(ElfIdentity id) {
        byte[] magic = new byte[20];
        byte[] mask = new byte[20];
        magic[0] = 0x7f;
        magic[1] = 'E';
        magic[2] = 'L';
        magic[3] = 'F';
        magic[4] = (byte) id.elfClass();
        magic[5] = (byte) id.elfData();
        magic[6] = 1; // EV_CURRENT
        for (int i = 0; i < 20; i++) {
            mask[i] = (byte) 0xff;
        }
        mask[7] = 0; // EI_OSABI: Linux binaries say SYSV (0) or GNU (3); accept any
        // e_type: ET_EXEC (2) or ET_DYN (3) -> value 2, mask 0xfffe, in the file's byte order
        int type = 2;
        int typeMask = 0xfffe;
        putHalf(magic, 16, type, id.bigEndian());
        putHalf(mask, 16, typeMask, id.bigEndian());
        putHalf(magic, 18, id.machine(), id.bigEndian());
        return new BinfmtPattern(magic, mask);
    }

    private static void putHalf(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
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

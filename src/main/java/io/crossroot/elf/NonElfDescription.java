package io.crossroot.elf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/** Says what a non-ELF file looks like, so the error tells the user what they actually pointed at. */
final class NonElfDescription {
    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};

    private NonElfDescription() {}

    static void requireElfMagic(Path file, byte[] prefix) {
        if (prefix.length >= 4
                && prefix[0] == MAGIC[0]
                && prefix[1] == MAGIC[1]
                && prefix[2] == MAGIC[2]
                && prefix[3] == MAGIC[3]) {
            return;
        }
        if (prefix.length < 4 && startsWith(MAGIC, prefix)) {
            throw ElfFormatError.beyondEnd(file, "ELF identification", 0, 16, prefix.length);
        }
        throw ElfFormatError.notElf(file, describe(prefix));
    }

    static String describe(byte[] prefix) {
        if (prefix.length >= 2 && prefix[0] == '#' && prefix[1] == '!') {
            return "it is a script (" + firstLine(prefix) + ")";
        }
        if (looksLikeText(prefix)) {
            return "it looks like a text file (starting \"" + firstLine(prefix) + "\")";
        }
        int n = Math.min(prefix.length, 8);
        return "it does not start with the ELF magic 7f 45 4c 46 (its first bytes are "
                + HexFormat.ofDelimiter(" ").formatHex(prefix, 0, n) + ")";
    }

    private static boolean startsWith(byte[] whole, byte[] part) {
        for (int i = 0; i < part.length; i++) {
            if (whole[i] != part[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] b) {
        for (byte c : b) {
            int u = c & 0xff;
            if (u < 0x20 && u != '\n' && u != '\r' && u != '\t' || u == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        s = nl >= 0 ? s.substring(0, nl) : s;
        s = s.strip();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}

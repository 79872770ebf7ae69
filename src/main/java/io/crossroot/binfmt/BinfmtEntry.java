package io.crossroot.binfmt;

import io.crossroot.arch.BinfmtPattern;
import io.crossroot.util.UserError;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One binfmt_misc entry as the kernel shows it in /proc/sys/fs/binfmt_misc/NAME.
 *
 * @param pattern   magic and mask for a magic ("M") entry (mask all ff when the kernel shows none); null for "E"
 * @param extension file name extension (without the dot) for an extension ("E") entry; null for "M"
 * @param flags     flags as the kernel prints them, in POCF order; "" when none
 */
public record BinfmtEntry(
        String name,
        boolean enabled,
        String interpreter,
        String flags,
        int offset,
        BinfmtPattern pattern,
        String extension) {

    public enum Kind {
        MAGIC,
        EXTENSION
    }

    public Kind kind() {
        return pattern != null ? Kind.MAGIC : Kind.EXTENSION;
    }

    public boolean hasFlag(char flag) {
        return BinfmtFlags.has(flags, flag);
    }

    public Optional<BinfmtPattern> magicRule() {
        return Optional.ofNullable(pattern);
    }

    /** Whether the kernel would pick this entry for a file starting with {@code header} (ignoring enabled). */
    public boolean matches(byte[] header) {
        return pattern != null && pattern.matches(header, offset);
    }

    /**
     * Whether this magic entry would take the files {@code rule} is written for: it matches a file whose bytes at
     * {@code ruleOffset} are the rule's magic. Used to find entries that handle the same architecture under other
     * names or with slightly different masks.
     */
    public boolean claims(BinfmtPattern rule, int ruleOffset) {
        byte[] magic = rule.magic();
        byte[] sample = new byte[Math.max(BinfmtRegistration.HEADER_BYTES, ruleOffset + magic.length)];
        System.arraycopy(magic, 0, sample, ruleOffset, magic.length);
        return matches(sample);
    }

    /**
     * Parses the kernel's text for one entry:
     * "enabled", "interpreter PATH", "flags: POCF", then "offset N", "magic HEX", "mask HEX" or "extension .EXT".
     */
    public static BinfmtEntry parse(String name, String text) {
        Boolean enabled = null;
        String interpreter = null;
        String flags = "";
        int offset = 0;
        byte[] magic = null;
        byte[] mask = null;
        String extension = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            try {
                if (line.equals("enabled") || line.equals("disabled")) {
                    enabled = line.equals("enabled");
                } else if (line.startsWith("interpreter ")) {
                    interpreter = line.substring("interpreter ".length());
                } else if (line.startsWith("flags:")) {
                    flags = line.substring("flags:".length()).strip();
                } else if (line.startsWith("offset ")) {
                    offset = Integer.parseInt(line.substring("offset ".length()).strip());
                } else if (line.startsWith("magic ")) {
                    magic = HexFormat.of()
                            .parseHex(line.substring("magic ".length()).strip());
                } else if (line.startsWith("mask ")) {
                    mask = HexFormat.of()
                            .parseHex(line.substring("mask ".length()).strip());
                } else if (line.startsWith("extension ")) {
                    String ext = line.substring("extension ".length()).strip();
                    extension = ext.startsWith(".") ? ext.substring(1) : ext;
                }
            } catch (IllegalArgumentException e) {
                throw unreadable(name, "bad line \"" + line + "\"");
            }
        }
        if (enabled == null || interpreter == null || magic == null && extension == null) {
            throw unreadable(name, "it lacks the enabled/disabled, interpreter, magic or extension line");
        }
        BinfmtPattern pattern = null;
        if (magic != null) {
            if (mask == null) {
                mask = new byte[magic.length];
                Arrays.fill(mask, (byte) 0xff);
            }
            if (mask.length != magic.length) {
                throw unreadable(name, "its magic and mask differ in length");
            }
            pattern = new BinfmtPattern(magic, mask);
        }
        return new BinfmtEntry(name, enabled, interpreter, flags, offset, pattern, extension);
    }

    private static UserError unreadable(String name, String why) {
        return new UserError("Cannot understand the binfmt_misc entry '" + name + "': " + why
                + ". This kernel may print entries in a format crossroot does not know; please report it.");
    }
}

package io.crossroot.binfmt;

import io.crossroot.util.UserError;

/**
 * binfmt_misc entry flags. P: preserve argv[0]. O: pass the binary as an open file. C: credentials from the binary
 * (implies O). F: open the interpreter at registration ("fix binary"), so it works inside chroots and containers.
 */
public final class BinfmtFlags {
    /** The order in which the kernel prints flags. */
    public static final String ALL = "POCF";

    private BinfmtFlags() {}

    /** Flags in the kernel's order, with the O that C implies; rejects anything outside POCF. */
    public static String canonical(String flags) {
        StringBuilder seen = new StringBuilder();
        for (char c : flags.toCharArray()) {
            char u = Character.toUpperCase(c);
            if (ALL.indexOf(u) < 0) {
                throw new UserError("Invalid binfmt_misc flag '" + c + "' in \"" + flags + "\": the kernel knows P "
                        + "(preserve argv[0]), O (open binary), C (credentials) and F (fix interpreter) only.");
            }
            seen.append(u);
            if (u == 'C') {
                seen.append('O'); // the kernel sets MISC_FMT_OPEN_BINARY together with MISC_FMT_CREDENTIALS
            }
        }
        StringBuilder out = new StringBuilder();
        for (char c : ALL.toCharArray()) {
            if (seen.indexOf(String.valueOf(c)) >= 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static boolean has(String flags, char flag) {
        return flags.indexOf(flag) >= 0;
    }
}

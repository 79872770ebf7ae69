package io.crossroot.binfmt;

import io.crossroot.arch.Arch;
import io.crossroot.arch.BinfmtPattern;
import io.crossroot.util.UserError;
import java.nio.file.Path;

/**
 * A magic ("M") rule to register: the kernel runs {@code interpreter} for files whose bytes at {@code offset}
 * match {@code pattern}. Validated against the kernel's limits so a bad rule fails here, with a clear message,
 * rather than as a bare EINVAL from the register file.
 */
public record BinfmtRegistration(String name, int offset, BinfmtPattern pattern, Path interpreter, String flags) {
    /** The kernel compares rules against the first 128 bytes it reads (BINPRM_BUF_SIZE on older kernels). */
    public static final int HEADER_BYTES = 128;

    public static final int MAX_INTERPRETER_LENGTH = 127;

    public BinfmtRegistration {
        flags = BinfmtFlags.canonical(flags);
        requireValidName(name);
        if (!interpreter.isAbsolute()) {
            throw new UserError("The binfmt_misc interpreter must be an absolute path, not '" + interpreter + "'.");
        }
        String interp = interpreter.toString();
        if (interp.length() > MAX_INTERPRETER_LENGTH) {
            throw new UserError("The interpreter path " + interp + " is " + interp.length() + " characters long; "
                    + "binfmt_misc accepts at most " + MAX_INTERPRETER_LENGTH + ". Move the interpreter (or the "
                    + "crossroot cache, CROSSROOT_CACHE) to a shorter path.");
        }
        if (interp.indexOf(':') >= 0 || interp.chars().anyMatch(Character::isWhitespace)) {
            throw new UserError("The interpreter path " + interp + " contains ':' or white space, which the "
                    + "binfmt_misc register syntax cannot carry. Move it to a plain path.");
        }
        if (offset < 0 || offset + pattern.magic().length > HEADER_BYTES) {
            throw new UserError("A binfmt_misc rule must lie within the first " + HEADER_BYTES + " bytes of a file; "
                    + "this one covers bytes " + offset + " to " + (offset + pattern.magic().length) + ".");
        }
    }

    /** The rule qemu uses for this architecture (armel and armhf share qemu-arm's). */
    public static BinfmtRegistration forArch(Arch arch, Path interpreter, String flags) {
        return new BinfmtRegistration(arch.binfmtName(), 0, arch.binfmtPattern(), interpreter, flags);
    }

    static void requireValidName(String name) {
        if (name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.equals("register")
                || name.equals("status")
                || name.indexOf('/') >= 0
                || name.indexOf(':') >= 0
                || name.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new UserError("'" + name + "' cannot name a binfmt_misc entry: use printable characters without "
                    + "'/', ':' or spaces, other than 'register', 'status', '.' and '..'.");
        }
    }

    /** The line written to the register file (and to a binfmt.d file): ":name:M:offset:magic:mask:interp:flags". */
    public String registerLine() {
        return ":" + name + ":M:" + offset + ":" + BinfmtPattern.escape(pattern.magic()) + ":"
                + BinfmtPattern.escape(pattern.mask()) + ":" + interpreter + ":" + flags;
    }

    /** True when {@code entry} is exactly this rule: same name, match, interpreter and flags. */
    public boolean isRegisteredAs(BinfmtEntry entry) {
        return entry.name().equals(name)
                && entry.pattern() != null
                && entry.offset() == offset
                && entry.pattern().sameRule(pattern)
                && entry.interpreter().equals(interpreter.toString())
                && BinfmtFlags.canonical(entry.flags()).equals(flags);
    }

    /**
     * True when another, enabled entry would take the files this rule is for: it matches this rule's own magic.
     * That is how a distribution's qemu-user-binfmt entry for the same architecture shows up, whatever its name.
     */
    public boolean conflictsWith(BinfmtEntry entry) {
        return !entry.name().equals(name) && entry.enabled() && entry.claims(pattern, offset);
    }
}

package io.crossroot.binfmt;

/** A problem found with a registered entry; the message is one paragraph for the user. */
public record BinfmtIssue(String entry, Severity severity, Kind kind, String message) {
    public enum Severity {
        /** Works on this host now, but not in every setting (chroots, containers, after a reboot). */
        INFO,
        WARNING,
        /** Programs this entry matches fail to start now. */
        ERROR
    }

    public enum Kind {
        /** The interpreter file is gone and the entry does not hold it open: matching programs fail. */
        INTERPRETER_MISSING,
        /** The interpreter file is gone but the F flag keeps it open: works until re-registration or reboot. */
        INTERPRETER_MISSING_BUT_OPEN,
        /** The interpreter needs its own loader and libraries, which chroots and containers do not have. */
        DYNAMIC_INTERPRETER,
        /** Without F the kernel looks the interpreter up by path in the program's root at every exec. */
        INTERPRETER_NOT_OPEN
    }
}

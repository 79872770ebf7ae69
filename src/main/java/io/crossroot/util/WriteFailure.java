package io.crossroot.util;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/** Turns a failed write of a file crossroot produces into a one-paragraph {@link UserError} naming the path. */
public final class WriteFailure {
    private WriteFailure() {}

    /**
     * The error for {@code e} raised while writing {@code path}: a full file system (ENOSPC, EDQUOT) is named as
     * such; {@code advice} says what to do (e.g. which option chooses another place).
     */
    public static UserError of(java.nio.file.Path path, IOException e, String advice) {
        String reason = reason(e);
        String lower = reason.toLowerCase(Locale.ROOT);
        String what = lower.contains("no space left on device")
                ? "the file system is full (" + reason + ")"
                : lower.contains("disk quota exceeded") ? "the disk quota is used up (" + reason + ")" : reason;
        return new UserError("Cannot write " + path + ": " + what + "; nothing half-written was kept. " + advice, e);
    }

    /** Whether {@code e} says the file system (or the user's quota on it) is full. */
    public static boolean isFull(IOException e) {
        String lower = reason(e).toLowerCase(Locale.ROOT);
        return lower.contains("no space left on device") || lower.contains("disk quota exceeded");
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}

package io.crossroot.pkgbuild;

import io.crossroot.util.UserError;
import java.io.IOException;
import java.util.Locale;

/** Turns "No space left on device" (ENOSPC) and its relatives into a message that says what to do. */
public final class DiskErrors {
    private DiskErrors() {}

    public static boolean isNoSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null
                    && (m.contains("No space left on device")
                            || m.toUpperCase(Locale.ROOT).contains("ENOSPC")
                            || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** A log line of a failed build that says the disk ran full (tools print strerror(ENOSPC)). */
    public static boolean isNoSpaceLine(String line) {
        return line.contains("No space left on device");
    }

    public static UserError noSpace(String what, Throwable cause) {
        return new UserError(
                "The disk ran full while " + what + " (No space left on device). Free some space, or "
                        + "point -o DIR and $CROSSROOT_CACHE (build roots live there) at a larger file system.",
                cause);
    }

    public static UserError map(IOException e, String what) {
        if (isNoSpace(e)) {
            return noSpace(what, e);
        }
        return new UserError("Failed while " + what + ": " + e.getMessage(), e);
    }
}

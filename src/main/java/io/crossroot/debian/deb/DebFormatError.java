package io.crossroot.debian.deb;

import io.crossroot.util.UserError;
import java.nio.file.Path;

/** A .deb that is damaged, truncated or not a Debian binary package at all. */
public final class DebFormatError extends UserError {
    DebFormatError(Path file, String detail) {
        this(file, detail, null);
    }

    DebFormatError(Path file, String detail, Throwable cause) {
        super(
                file + " is not a valid Debian package: " + detail + ". The file is damaged or was cut short while "
                        + "downloading; delete it and download it again (crossroot re-downloads files missing from its "
                        + "cache).",
                cause);
    }
}

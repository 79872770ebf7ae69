package io.crossroot.rpm.file;

import io.crossroot.util.UserError;

/** An .rpm (or its payload) that is damaged, truncated, hostile or not an RPM package at all. */
public final class RpmFormatError extends UserError {
    RpmFormatError(Object source, String detail) {
        this(source, detail, null);
    }

    RpmFormatError(Object source, String detail, Throwable cause) {
        super(
                source + " is not a valid RPM package: " + detail + ". The file is damaged, was cut short while "
                        + "downloading or was never an RPM; delete it and download it again.",
                cause);
    }
}

package io.crossroot.rpm;

import io.crossroot.util.UserError;

/** A text that should be an RPM version ([epoch:]version[-release]) is not one. */
public final class RpmVersionError extends UserError {
    RpmVersionError(String message) {
        super(message);
    }
}

package io.crossroot.rpm;

import io.crossroot.util.UserError;

/** A dependency (simple or rich) is malformed; the message names the text and the position where it fails. */
public final class RpmDependencyError extends UserError {
    RpmDependencyError(String message) {
        super(message);
    }
}

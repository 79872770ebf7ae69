package io.crossroot.debian;

import io.crossroot.util.UserError;

/** A control file, Release or index that is not valid deb822. */
public final class Deb822Error extends UserError {
    public Deb822Error(String message) {
        super(message);
    }
}

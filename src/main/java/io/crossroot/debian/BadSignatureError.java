package io.crossroot.debian;

import io.crossroot.util.UserError;

/** A trusted key's signature does not match the content: it was altered, damaged or mixed with another file. */
public final class BadSignatureError extends UserError {
    BadSignatureError(String source, String detail) {
        super("The signature of " + source + " is BAD: " + detail + ". The file was altered or damaged in "
                + "transit, or the mirror is in the middle of an update. crossroot will not use it; retry later or "
                + "choose another mirror with --mirror URL.");
    }
}

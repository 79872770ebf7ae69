package io.crossroot.debian;

import io.crossroot.util.UserError;

/** No good signature by a trusted key: unsigned, signed only by unknown, expired or revoked keys, or malformed. */
public final class UntrustedSignatureError extends UserError {
    UntrustedSignatureError(String source, String detail, String keyrings) {
        super("Cannot verify " + source + ": " + detail + " (trusted keyrings: " + keyrings + "). crossroot only "
                + "uses repositories signed by a trusted key. If this repository uses another key, pass its public "
                + "key with --keyring FILE; if the keys are just outdated, get the distribution's current ones (for "
                + "Debian, update the debian-archive-keyring package).");
    }
}

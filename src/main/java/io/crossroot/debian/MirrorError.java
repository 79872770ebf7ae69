package io.crossroot.debian;

import io.crossroot.util.UserError;

/** The mirror could not be reached or answered with an error. */
public final class MirrorError extends UserError {
    MirrorError(String url, String detail, Throwable cause) {
        super(
                "Downloading " + url + " failed: " + detail + ". Check the network connection and the mirror URL, "
                        + "retry later, or choose another mirror with --mirror URL.",
                cause);
    }
}

package io.crossroot.debian;

import io.crossroot.util.UserError;

/** A downloaded file differs from what the signed Release or index promises; nothing of it was kept. */
public final class HashMismatchError extends UserError {
    /**
     * @param actualSha256 null when reading stopped early because the file was far too large
     */
    HashMismatchError(String url, HashedFile expected, long actualSize, String actualSha256) {
        super("The file " + url + " does not match the signed index: expected " + expected.size()
                + " bytes with SHA256 " + expected.sha256() + ", got "
                + (actualSha256 == null
                        ? "more than " + actualSize + " bytes (stopped reading)"
                        : actualSize + " bytes with SHA256 " + actualSha256)
                + ". The mirror is probably in the middle of a sync, or the file was damaged in transit. Retry "
                + "in a few minutes, or choose another mirror with --mirror URL.");
    }
}

package io.crossroot.rpm.repo;

import io.crossroot.util.UserError;

/** Repository metadata (repomd.xml, primary, filelists, comps) is missing, malformed or names unusable values. */
public final class RpmMetadataError extends UserError {
    RpmMetadataError(String message) {
        super(message);
    }

    RpmMetadataError(String message, Throwable cause) {
        super(message, cause);
    }
}

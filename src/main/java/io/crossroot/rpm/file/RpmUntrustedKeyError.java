package io.crossroot.rpm.file;

import io.crossroot.util.UserError;
import java.nio.file.Path;

/** The package is signed, but by no key of the trusted keyrings (or only with a weak digest). */
public final class RpmUntrustedKeyError extends UserError {
    RpmUntrustedKeyError(Path file, String detail, String keyrings) {
        super(file + " has no good signature by a trusted key: " + detail + " (trusted keyrings: " + keyrings
                + "). If the package comes from another distribution or repository, pass its signing key as a "
                + "keyring; otherwise the package is not the one the distribution published.");
    }
}

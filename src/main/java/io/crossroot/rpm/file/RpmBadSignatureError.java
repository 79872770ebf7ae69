package io.crossroot.rpm.file;

import io.crossroot.util.UserError;
import java.nio.file.Path;

/** A trusted key's signature does not match the package: it was altered or damaged after signing. */
public final class RpmBadSignatureError extends UserError {
    RpmBadSignatureError(Path file, String detail) {
        super("The signature of " + file + " is BAD: " + detail + ". The package was altered or damaged after it "
                + "was signed; crossroot will not use it. Delete it and download it again.");
    }
}

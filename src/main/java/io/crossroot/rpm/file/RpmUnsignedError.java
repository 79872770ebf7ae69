package io.crossroot.rpm.file;

import io.crossroot.util.UserError;
import java.nio.file.Path;

/** The package carries no OpenPGP signature at all. */
public final class RpmUnsignedError extends UserError {
    RpmUnsignedError(Path file, String detail) {
        super(file + " is not signed: " + detail + ". crossroot installs only packages signed by a trusted key. "
                + "Take the package from the distribution's repository, or sign your own with 'rpmsign --addsign' and "
                + "pass that key's public part as a keyring.");
    }
}

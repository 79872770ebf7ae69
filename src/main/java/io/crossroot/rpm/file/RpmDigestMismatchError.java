package io.crossroot.rpm.file;

import io.crossroot.util.UserError;
import java.nio.file.Path;

/** A digest the package records for itself does not match its content: it is damaged or was altered. */
public final class RpmDigestMismatchError extends UserError {
    RpmDigestMismatchError(Path file, String digest, String expected, String actual) {
        super(file + " is corrupt: its " + digest + " is " + expected + " but its content hashes to " + actual
                + ". The file was damaged or altered after it was built; crossroot will not use it. Delete it and "
                + "download it again.");
    }
}

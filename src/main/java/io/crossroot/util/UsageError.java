package io.crossroot.util;

/**
 * A {@link UserError} in what the user asked for rather than in what happened: an invalid recipe, layout or
 * configuration file. The CLI prints it like any user error but exits with the usage status, 2.
 */
public class UsageError extends UserError {
    public UsageError(String message) {
        super(message);
    }
}

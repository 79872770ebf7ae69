package io.crossroot.util;

/**
 * A failure caused by the user's input or environment, not by a bug: bad file, unreachable mirror, missing
 * permission. Its message is the whole one-paragraph explanation shown to the user (what, where, what to do);
 * the CLI prints it without a stack trace and exits with status 1.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}

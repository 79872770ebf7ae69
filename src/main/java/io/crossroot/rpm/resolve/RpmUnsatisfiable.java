package io.crossroot.rpm.resolve;

/** A dependency that cannot be met under the current choices; caught to try the next candidate. */
final class RpmUnsatisfiable extends Exception {
    RpmUnsatisfiable(String message) {
        super(message, null, false, false); // control flow for backtracking: no stack trace needed
    }
}

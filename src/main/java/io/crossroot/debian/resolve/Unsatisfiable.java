package io.crossroot.debian.resolve;

/** A dependency that cannot be met under the current choices; caught to try the next alternative. */
final class Unsatisfiable extends Exception {
    Unsatisfiable(String message) {
        super(message, null, false, false); // control flow for backtracking: no stack trace needed
    }
}

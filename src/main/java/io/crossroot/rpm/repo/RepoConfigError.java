package io.crossroot.rpm.repo;

import io.crossroot.util.UserError;

/** A .repo file (dnf/yum repository definition) cannot be used; the message names the file and line. */
public final class RepoConfigError extends UserError {
    RepoConfigError(String message) {
        super(message);
    }
}

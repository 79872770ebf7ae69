package io.crossroot.debian;

import io.crossroot.util.UserError;

/** The mirror answered "not found" (HTTP 404/410, or no such file for a file:// mirror). */
public final class MirrorFileNotFoundError extends UserError {
    private final String url;

    MirrorFileNotFoundError(String url, String advice) {
        super("The mirror does not have " + url + ". " + advice);
        this.url = url;
    }

    public String url() {
        return url;
    }
}

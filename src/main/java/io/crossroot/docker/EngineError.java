package io.crossroot.docker;

import io.crossroot.util.UserError;

/** The engine refused a request; the message carries the engine's own explanation. */
public final class EngineError extends UserError {
    private final int status;

    EngineError(String what, int status, String engineMessage) {
        super("The container engine could not " + what + ": " + engineMessage.strip()
                + (status > 0 ? " (HTTP " + status + ")" : "") + ".");
        this.status = status;
    }

    public int status() {
        return status;
    }
}

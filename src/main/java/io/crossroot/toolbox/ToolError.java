package io.crossroot.toolbox;

import io.crossroot.util.UserError;
import java.util.List;

/** A host tool exited with an error; the message carries the command and the end of its output. */
public final class ToolError extends UserError {
    private final int exitCode;

    public ToolError(List<String> command, int exitCode, String outputTail) {
        super(String.join(" ", command) + " failed with exit status " + exitCode + ":\n" + outputTail);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

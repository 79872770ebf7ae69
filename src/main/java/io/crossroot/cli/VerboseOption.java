package io.crossroot.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** -v/--verbose for the commands that keep a log: stream the log to stderr as it is written. */
final class VerboseOption {
    @Option(
            names = {"-v", "--verbose"},
            description = "Also show on stderr what goes to the log: fetched files, "
                    + "the output of commands run inside the root, the kernel console.")
    boolean verbose;

    /** Opens the command's log; {@code keepAt} (or null) is where it moves when the command succeeds. */
    RunLog open(String command, Path keepAt) {
        return RunLog.open(command, keepAt, verbose);
    }
}

package io.crossroot.cli;

import io.crossroot.util.OutputPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Refuses, as a usage error, an output that is a system path or overlaps an input ({@link OutputPaths}). */
final class OutputChecks {
    private final CommandSpec spec;
    private final List<OutputPaths.Input> inputs = new ArrayList<>();

    private OutputChecks(CommandSpec spec) {
        this.spec = spec;
    }

    static OutputChecks of(CommandSpec spec) {
        return new OutputChecks(spec);
    }

    /** An input the outputs must stay clear of (skipped when null). */
    OutputChecks input(String option, Path path) {
        if (path != null) {
            inputs.add(new OutputPaths.Input(option, path));
        }
        return this;
    }

    /** Checks {@code output} (skipped when null) against the inputs so far. */
    OutputChecks output(String option, Path output) {
        if (output != null) {
            OutputPaths.problem(option, output, inputs).ifPresent(message -> {
                throw new ParameterException(spec.commandLine(), message);
            });
        }
        return this;
    }
}

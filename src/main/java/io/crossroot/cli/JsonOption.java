package io.crossroot.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one {@code --json} option of every command that prints data, and the choice it makes: the result as JSON on
 * stdout (for scripts), or as text for people. Progress and warnings go to stderr either way.
 */
final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON on stdout instead of text.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Prints {@code result} as JSON with --json, else lets {@code text} write it for people. */
    void print(Supplier<?> result, Consumer<PrintWriter> text) {
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            Output.json(out, result.get());
        } else {
            text.accept(out);
            out.flush();
        }
    }
}

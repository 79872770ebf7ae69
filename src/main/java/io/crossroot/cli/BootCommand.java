package io.crossroot.cli;

import io.crossroot.boot.BootOutcome;
import io.crossroot.boot.BootRunner;
import io.crossroot.boot.BootSpec;
import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "boot",
        mixinStandardHelpOptions = true,
        description = "Boot an image built by 'crossroot disk build --profile ...' or 'crossroot build' headless in "
                + "qemu-system, write its serial console to a log (and stderr with -v), and succeed when the expected text (a login prompt) "
                + "appears. With --interactive, attach QEMU to this terminal instead (what start_vm.sh runs).")
final class BootCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image (its IMAGE.boot.json says how to boot it).")
    Path image;

    @Option(
            names = "--expect",
            defaultValue = "login:",
            paramLabel = "REGEX",
            description = "Console text that means success (default: ${DEFAULT-VALUE}).")
    String expect;

    @Option(
            names = "--interactive",
            description = "Run QEMU on this terminal, console on stdin/stdout, until it "
                    + "exits (Ctrl-A X quits); exit with its status. --expect and --timeout do not apply.")
    boolean interactive;

    @Parameters(
            index = "1..*",
            paramLabel = "QEMU-ARG",
            description = "With --interactive: further QEMU arguments (after --).")
    List<String> qemuArgs = new ArrayList<>();

    @Option(
            names = "--timeout",
            defaultValue = "300",
            paramLabel = "SECONDS",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Mixin
    ToolboxOptions toolboxOptions;

    @Mixin
    JsonOption json;

    @Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() {
        if (!qemuArgs.isEmpty() && !interactive) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "QEMU arguments after IMAGE are for --interactive only.");
        }
        if (interactive && json.json) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--json is for a headless boot; --interactive prints the console itself.");
        }
        if (!Files.isRegularFile(image)) {
            throw new UserError("No image " + image + ".");
        }
        BootSpec boot = BootSpec.read(image);
        if (interactive) {
            return new BootRunner(toolboxOptions.open()).interactive(image, boot, qemuArgs);
        }
        BootOutcome outcome;
        RunLog log = verbosity.open("boot", null);
        try (log) {
            log.stage("boot: " + image + ", waiting up to " + timeout + " s for " + expect);
            outcome = new BootRunner(toolboxOptions.open())
                    .boot(image, boot, Pattern.compile(expect), Duration.ofSeconds(timeout), log.detailStream());
        }
        var err = spec.commandLine().getErr();
        if (outcome.success()) {
            err.println((log.verbose() ? "\n" : "") + "crossroot: booted: " + outcome.reason());
            err.println("log: " + log.succeeded());
            err.flush();
            // the console went to the log; stdout holds the outcome alone, for scripts
            json.print(() -> outcome, out -> {});
            return 0;
        }
        err.println(
                (log.verbose() ? "\n" : "") + "crossroot: boot failed: " + outcome.reason() + ". Last console lines:");
        outcome.lastLines().forEach(l -> err.println("  | " + l));
        err.println("The full console: " + log.location());
        err.flush();
        return 1;
    }
}

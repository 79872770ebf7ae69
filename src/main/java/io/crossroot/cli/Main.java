package io.crossroot.cli;

import io.crossroot.util.ExitCleanup;
import io.crossroot.util.UsageError;
import io.crossroot.util.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: runs the picocli command tree and maps failures to exit codes (0 ok, 1 failure, 2 usage). */
public final class Main {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /** 128 + SIGINT, what a shell reports for a command ended by Ctrl-C. */
    public static final int EXIT_INTERRUPTED = 130;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return run(null, null, args);
    }

    /** Runs one command line with the given output streams (for tests and embedding; null: standard ones). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        RunLog.reset();
        CommandLine cl = newCommandLine();
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        return cl.execute(args);
    }

    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new CrossrootCommand());
        cl.setExecutionExceptionHandler(Main::handleFailure);
        cl.setParameterExceptionHandler(Main::handleUsageError);
        return cl;
    }

    static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        UserError user = findUserError(e);
        if (ExitCleanup.shuttingDown()) {
            // The cleanup hooks ended child processes and delete partial outputs: what failed next is no news.
            boolean named = user != null && user.getMessage().startsWith("Interrupted");
            err.println("crossroot: " + (named ? user.getMessage() : "Interrupted; nothing half-written is kept."));
            err.flush();
            return EXIT_INTERRUPTED;
        }
        if (user != null) {
            err.println("crossroot: " + user.getMessage());
            if (user instanceof UsageError) {
                err.flush();
                return EXIT_USAGE;
            }
        } else {
            // not a UserError: a bug, or an I/O failure nobody explained for the user (a bare IOException)
            e.printStackTrace(err);
            err.println("crossroot: internal error: " + describe(e) + ". This is a bug in crossroot; please report "
                    + "it with the output above.");
        }
        nameLog(err, user != null && user.getMessage().contains("\n"));
        err.flush();
        return EXIT_FAILURE;
    }

    /** How many of the log's last lines a failure shows when its message does not quote the failing output. */
    private static final int LOG_TAIL = 20;

    /** After a failure: where the full log is, and its last lines unless the message already quotes them. */
    private static void nameLog(PrintWriter err, boolean messageQuotesOutput) {
        RunLog log = RunLog.current();
        if (log == null) {
            return;
        }
        log.close();
        if (!messageQuotesOutput) {
            java.util.List<String> tail = log.lastLines(LOG_TAIL);
            if (!tail.isEmpty()) {
                err.println("The log's last lines:\n  | " + String.join("\n  | ", tail));
            }
        }
        err.println("The full log: " + log.location());
    }

    private static UserError findUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserError u) {
                return u;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m)
                + (e.getCause() != null && e.getCause() != e ? ": " + describe(e.getCause()) : "");
    }

    private static int handleUsageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("crossroot: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return EXIT_USAGE;
    }
}

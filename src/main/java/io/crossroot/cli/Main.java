package io.crossroot.cli;

import io.crossroot.oci.LayerSources;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.UserError;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point: runs the picocli command tree and maps failures to exit codes (0 ok, 1 failure, 2 usage). */
public final class Main {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /** 128 + SIGINT, what a shell reports for a command ended by Ctrl-C. */
    public static final int EXIT_INTERRUPTED = 130;
    /** The command models the build wrote (null without them: then picocli reads the annotations). */
    private static final CommandModels WRITTEN = CommandModels.written();

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
        applyStartupSettings(); // before the start-up thread opens its first socket
        StartupWork.begin();
        Thread readAhead = readAhead(args);
        try {
            CommandLine cl = newCommandLine(args);
            StartupWork.commandLineBuilt();
            if (out != null) {
                cl.setOut(out);
            }
            if (err != null) {
                cl.setErr(err);
            }
            return cl.execute(args);
        } finally {
            try {
                readAhead.join(); // all it started is registered by now, so dropped if the command never took it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LayerSources.dropPrefetched();
        }
    }

    /**
     * Starts reading the command's inputs ahead, on its own thread: an image build's --rootfs trees have their
     * metadata and extended attributes read (a find and a getfattr run) while the command line is built. The
     * command is recognised by its name's constant: the main thread is parsing annotations at the same time, and
     * the read-ahead waited 50-80 ms for that when it asked for the command's annotation.
     */
    private static Thread readAhead(String[] args) {
        return Thread.ofPlatform().daemon().name("crossroot-read-ahead").start(() -> {
            if (args.length > 0 && args[0].equals(ImageCommand.NAME)) {
                RootfsArgs.prefetch(args);
            }
        });
    }

    /**
     * The tree {@code args} need: where an argument names a subcommand, only that one is built (the others cannot
     * take part in parsing it); otherwise (help, version, a typo to suggest a fix for) all of them, at each level.
     */
    static CommandLine newCommandLine(String[] args) {
        applyStartupSettings();
        CommandLine cl = model(CrossrootCommand.class);
        addSubcommands(cl, CrossrootCommand.SUBCOMMANDS, args, 0);
        cl.setExecutionExceptionHandler(Main::handleFailure);
        cl.setParameterExceptionHandler(Main::handleUsageError);
        return cl;
    }

    /** Adds the subcommand {@code args[at]} names among {@code candidates}, or all of them, and theirs in turn. */
    private static void addSubcommands(CommandLine parent, List<Class<?>> candidates, String[] args, int at) {
        Class<?> named = at >= args.length ? null : candidates.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && isNamed(c, args[at])).findFirst().orElse(null);
        for (Class<?> c : named == null ? candidates : List.<Class<?>>of(named)) {
            CommandLine child = model(c);
            parent.addSubcommand(child);
            List<Class<?>> grandchildren = CrossrootCommand.GROUPS.get(c);
            if (grandchildren != null) {
                addSubcommands(child, grandchildren, args, named == null ? args.length : at + 1);
            }
        }
    }

    /**
     * picocli looks for Groovy (closures as annotation values) with a class lookup that fails: without its switch
     * the miss opens crossroot's jar (11,000 entries, 30 ms) that classes mapped from the archive never need.
     * The JDK finds the selector provider behind every socket channel by looking for a service entry in every jar
     * on the class path, and then takes its default: naming the default (epoll, Linux's) skips that search.
     */
    private static void applyStartupSettings() {
        System.setProperty("picocli.disable.closures", "true");
        String property = "java.nio.channels.spi.SelectorProvider";
        String epoll = "sun.nio.ch.EPollSelectorProvider";
        if (System.getProperty(property) == null) {
            try {
                Class.forName(epoll, false, null); // a JDK class: found without the class path
                System.setProperty(property, epoll);
            } catch (ClassNotFoundException e) {
                // another JDK's layout: the search it is then
            }
        }
    }

    /** The command's model, built by the written code, else (picocli's help command) from its annotations. */
    private static CommandLine model(Class<?> command) {
        CommandLine written = WRITTEN == null ? null : WRITTEN.create(command);
        return written != null ? written : new CommandLine(command);
    }

    private static boolean isNamed(Class<?> command, String name) {
        List<String> names = WRITTEN == null ? List.of() : WRITTEN.names(command);
        if (!names.isEmpty()) {
            return names.contains(name);
        }
        CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
        return c != null && (c.name().equals(name) || java.util.Arrays.asList(c.aliases()).contains(name));
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
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
        } else if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            err.println("crossroot: " + describe(e));
        } else {
            err.println("crossroot: internal error: " + describe(e) + " (this is a bug in crossroot; the stack trace follows)");
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
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

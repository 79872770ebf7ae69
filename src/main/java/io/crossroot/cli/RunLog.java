package io.crossroot.cli;

import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One command's log file: everything the console no longer shows (fetched files, maintainer-script and trigger
 * output, the kernel console) goes here, and to stderr too with --verbose. It is written in the cache's log
 * directory, where it survives a failed run, and moves beside the output once the command succeeds.
 */
final class RunLog implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static volatile RunLog current;

    private final Path file;
    private final Path keepAt;
    private final PrintStream log;
    private final PrintStream console = System.err;
    private final boolean verbose;
    private final boolean terminal = stderrIsTerminal();
    private boolean closed;

    private RunLog(Path file, Path keepAt, boolean verbose) throws IOException {
        this.file = file;
        this.keepAt = keepAt;
        this.verbose = verbose;
        this.log = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
    }

    /**
     * Opens CACHE/logs/COMMAND-TIMESTAMP.log and says where it is on stderr; {@code keepAt} (or null) is where it
     * moves when the command succeeds.
     */
    static RunLog open(String command, Path keepAt, boolean verbose) {
        Path dir = Dirs.cache().resolve("logs");
        try {
            Files.createDirectories(dir);
            String stem = command + "-" + LocalDateTime.now().format(STAMP);
            Path file = dir.resolve(stem + ".log");
            for (int n = 2; Files.exists(file); n++) {
                file = dir.resolve(stem + "-" + n + ".log");
            }
            RunLog r = new RunLog(
                    file, keepAt == null ? null : keepAt.toAbsolutePath().normalize(), verbose);
            current = r;
            r.console.println("log: " + file + (keepAt == null ? "" : " (moves to " + r.keepAt + " when done)"));
            return r;
        } catch (IOException e) {
            throw new UserError(
                    "Cannot write the log in " + dir + ": " + e.getMessage()
                            + ". Make the cache writable or point CROSSROOT_CACHE elsewhere.",
                    e);
        }
    }

    /** The log of the command running in this process, or null when it keeps none. */
    static RunLog current() {
        return current;
    }

    /** Forgets the current log (a new command line starts). */
    static void reset() {
        current = null;
    }

    Path file() {
        return file;
    }

    boolean verbose() {
        return verbose;
    }

    /** Whether stderr is a terminal, so progress bars can redraw a line. */
    boolean terminal() {
        return terminal;
    }

    /**
     * Whether stderr, where bars are drawn, is a terminal; System.console() answers for stdin and stdout, so
     * "crossroot build 2>file" would get bars in the file.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** A stage message: on the console and in the log. */
    synchronized void stage(String line) {
        log.println(line);
        console.println(line);
    }

    /** A detail: in the log, and on the console with --verbose. */
    synchronized void detail(String line) {
        log.println(line);
        if (verbose) {
            console.println(line);
        }
    }

    /** Details as a writer (e.g. for "sandbox: ..." messages). */
    PrintWriter detailWriter() {
        return new PrintWriter(new LineSink(), true);
    }

    /** Raw output (the kernel console) into the log, and on stderr with --verbose. */
    OutputStream detailStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (RunLog.this) {
                    log.write(b, off, len);
                    if (verbose) {
                        console.write(b, off, len);
                    }
                }
            }
        };
    }

    /** The last {@code n} lines of the log, for a failure message. */
    List<String> lastLines(int n) {
        synchronized (this) {
            log.flush();
        }
        try {
            List<String> all = Files.readAllLines(Files.exists(file) ? file : keepAt, StandardCharsets.UTF_8);
            return new ArrayList<>(all.subList(Math.max(0, all.size() - n), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** The command succeeded: closes the log and moves it to where it is kept; returns its final path. */
    synchronized Path succeeded() {
        close();
        if (keepAt == null) {
            return file;
        }
        try {
            Files.move(file, keepAt, StandardCopyOption.REPLACE_EXISTING);
            return keepAt;
        } catch (IOException e) {
            console.println(
                    "crossroot: the log stays at " + file + ": could not move it to " + keepAt + ": " + e.getMessage());
            return file;
        }
    }

    /** Where the log is now. */
    synchronized Path location() {
        return Files.exists(file) || keepAt == null ? file : keepAt;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            log.close();
        }
    }

    /** Collects characters into lines for {@link #detail}. */
    private final class LineSink extends java.io.Writer {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (cbuf[i] == '\n') {
                    detail(line.toString());
                    line.setLength(0);
                } else if (cbuf[i] != '\r') {
                    line.append(cbuf[i]);
                }
            }
        }

        @Override
        public synchronized void flush() {}

        @Override
        public synchronized void close() {
            if (!line.isEmpty()) {
                detail(line.toString());
                line.setLength(0);
            }
        }
    }
}

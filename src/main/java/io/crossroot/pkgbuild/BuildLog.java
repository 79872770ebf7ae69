package io.crossroot.pkgbuild;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The full log of one build (DIR/PKG_VERSION_ARCH.build, sbuild's name), written as lines arrive, with the
 * last lines kept for the error message. A write failure (a full disk) is remembered, not thrown mid-build.
 */
final class BuildLog implements AutoCloseable {
    private static final int TAIL = 25;

    private final Path path;
    private final BufferedWriter out;
    private final Consumer<String> echo;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<String> recent = new ArrayList<>(); // lines of the current step, for CpuTimes
    private IOException failure;

    BuildLog(Path path, Consumer<String> echo) throws IOException {
        this.path = path;
        Files.createDirectories(path.toAbsolutePath().getParent());
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        this.echo = echo;
    }

    Path path() {
        return path;
    }

    synchronized void line(String line) {
        echo.accept(line);
        recent.add(line);
        if (tail.size() == TAIL) {
            tail.removeFirst();
        }
        tail.addLast(line);
        if (failure == null) {
            try {
                out.write(line);
                out.newLine();
                out.flush(); // so that `tail -f` follows a long build

            } catch (IOException e) {
                failure = e;
            }
        }
    }

    synchronized void section(String title) {
        line("");
        line("+------------------------------------------------------------------------------+");
        line("| " + title);
        line("+------------------------------------------------------------------------------+");
    }

    /** The lines since the last call (the current step's output). */
    synchronized List<String> takeRecent() {
        List<String> r = List.copyOf(recent);
        recent.clear();
        return r;
    }

    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    /** Whether a line said the disk ran full, or writing the log itself failed so. */
    synchronized boolean sawNoSpace() {
        return DiskErrors.isNoSpace(failure) || tail.stream().anyMatch(DiskErrors::isNoSpaceLine);
    }

    IOException writeFailure() {
        return failure;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}

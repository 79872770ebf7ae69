package io.crossroot.boot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Follows a serial console byte by byte: keeps the last lines, and tells whether the expected text or a kernel
 * panic has appeared. Prompts such as "login: " end without a newline, so the unfinished line is checked too.
 */
final class ConsoleWatch {
    static final Pattern PANIC = Pattern.compile("Kernel panic|end Kernel panic");
    private static final int KEPT_LINES = 30;

    enum State {
        RUNNING,
        MATCHED,
        PANICKED
    }

    private final Pattern expect;
    private final Deque<String> lines = new ArrayDeque<>();
    private final StringBuilder current = new StringBuilder();
    private State state = State.RUNNING;

    ConsoleWatch(Pattern expect) {
        this.expect = expect;
    }

    synchronized State feed(char c) {
        if (c == '\n') {
            check(current);
            lines.addLast(current.toString().replace("\r", ""));
            if (lines.size() > KEPT_LINES) {
                lines.removeFirst();
            }
            current.setLength(0);
        } else {
            current.append(c);
            check(current);
        }
        return state;
    }

    private void check(CharSequence line) {
        if (state != State.RUNNING) {
            return;
        }
        if (expect.matcher(line).find()) {
            state = State.MATCHED;
        } else if (PANIC.matcher(line).find()) {
            state = State.PANICKED;
        }
    }

    synchronized State state() {
        return state;
    }

    synchronized List<String> lastLines() {
        List<String> out = new java.util.ArrayList<>(lines);
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out.subList(Math.max(0, out.size() - KEPT_LINES), out.size());
    }
}

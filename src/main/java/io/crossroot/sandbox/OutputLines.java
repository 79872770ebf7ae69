package io.crossroot.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A command's output as a stream: split into lines for an {@link Sandbox.OutputSink}, the last few kept for the
 * error message when the command fails. Close it to pass on a last line without a newline.
 */
public final class OutputLines extends OutputStream {
    private static final int TAIL_LINES = 40;

    private final Sandbox.OutputSink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Deque<String> tail = new ArrayDeque<>();

    public OutputLines(Sandbox.OutputSink sink) {
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            endLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        line.write(b, start, off + len - start);
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        sink.line(text);
        if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
        }
        tail.addLast(text);
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            endLine();
        }
    }

    /** The last lines seen (up to 40). */
    public synchronized List<String> tail() {
        return List.copyOf(tail);
    }
}

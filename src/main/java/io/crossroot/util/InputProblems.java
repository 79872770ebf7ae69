package io.crossroot.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem found in one input file, each with its line, so a user fixes them all in one go; {@link #throwIfAny}
 * turns them into one {@link UsageError} before any work starts.
 */
public final class InputProblems {
    private final String source;
    private final List<Problem> problems;
    private final int lineOffset;
    private final String context;

    private record Problem(int line, String message) {}

    public InputProblems(String source) {
        this(source, new ArrayList<>(), 0, "");
    }

    private InputProblems(String source, List<Problem> problems, int lineOffset, String context) {
        this.source = source;
        this.problems = problems;
        this.lineOffset = lineOffset;
        this.context = context;
    }

    /**
     * A view for a document embedded in this one (a recipe's layout text): its line 1 is this file's line
     * {@code firstLine}, and its problems start with {@code context}.
     */
    public InputProblems embedded(int firstLine, String context) {
        return new InputProblems(source, problems, lineOffset + firstLine - 1, this.context + context + ": ");
    }

    /** Records a problem; {@code line} is 1-based, or 0 when the whole file is meant. */
    public void add(int line, String message) {
        problems.add(new Problem(line <= 0 ? 0 : line + lineOffset, context + message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** One problem as "FILE:LINE: what", several as a count followed by one such line each. */
    public void throwIfAny(String whatToDo) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = problems.stream()
                .sorted(java.util.Comparator.comparingInt(Problem::line))
                .map(p -> source + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message())
                .toList();
        if (lines.size() == 1) {
            throw new UsageError(lines.get(0) + ". " + whatToDo);
        }
        throw new UsageError(
                source + " has " + lines.size() + " problems. " + whatToDo + "\n  " + String.join("\n  ", lines));
    }
}

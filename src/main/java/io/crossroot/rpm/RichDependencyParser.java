package io.crossroot.rpm;

import io.crossroot.rpm.RpmDependency.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses simple and rich dependencies with the grammar of rpm's rpmrich.c: parenthesised operands joined by one
 * operator; only and, or and with chain; if and unless take one else; with and without hold only simple, or, with
 * and without. Nesting is bounded, so hostile input fails with a message instead of exhausting the stack.
 */
final class RichDependencyParser {
    static final int MAX_DEPTH = 64;
    static final int MAX_LENGTH = 64 * 1024;

    private final String text;
    private int pos;

    private RichDependencyParser(String text) {
        this.text = text;
    }

    static RpmDependency parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RpmDependencyError(
                    "A dependency is empty; rpm writes none such. The package or repository " + "metadata is damaged.");
        }
        RichDependencyParser p = new RichDependencyParser(text);
        if (text.length() > MAX_LENGTH) {
            throw p.fail(0, "it is " + text.length() + " characters long; crossroot accepts at most " + MAX_LENGTH);
        }
        p.skipWhite();
        if (p.peek() != '(') {
            return p.topLevelSimple();
        }
        RpmDependency d = p.rich(1);
        p.skipWhite();
        if (!p.atEnd()) {
            throw p.fail(p.pos, "text follows the closing ')' of the rich dependency");
        }
        return d;
    }

    private RpmDependency topLevelSimple() {
        String[] words = text.strip().split("\\s+");
        if (words.length == 1) {
            return simple(words[0], Comparison.ANY, null);
        }
        Optional<Comparison> op = Comparison.ofSymbol(words[1]);
        if (words.length != 3 || op.isEmpty()) {
            throw fail(
                    text.indexOf(words[1]),
                    "a simple dependency is 'name' or 'name OP version' (OP one of = < <= >"
                            + " >=); a rich one is enclosed in parentheses");
        }
        return simple(words[0], op.get(), version(words[2], text.lastIndexOf(words[2])));
    }

    private RpmDependency rich(int depth) {
        int open = pos;
        if (depth > MAX_DEPTH) {
            throw fail(open, "rich dependencies nest deeper than " + MAX_DEPTH + " levels");
        }
        pos++; // the '('
        List<RpmDependency> operands = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        while (true) {
            skipWhite();
            if (atEnd()) {
                throw fail(open, "the '(' here is never closed");
            }
            if (peek() == ')') {
                throw fail(pos, ops.isEmpty() ? "the parentheses are empty" : "'" + last(ops) + "' has no operand");
            }
            operands.add(peek() == '(' ? rich(depth + 1) : simpleInRich());
            skipWhite();
            if (atEnd()) {
                throw fail(open, "the '(' here is never closed");
            }
            if (peek() == ')') {
                pos++;
                break;
            }
            int at = pos;
            String op = operatorWord();
            checkChain(ops, op, at);
            ops.add(op);
        }
        return build(operands, ops, open);
    }

    private void checkChain(List<String> ops, String op, int at) {
        if (!List.of("and", "or", "if", "else", "unless", "with", "without").contains(op)) {
            throw fail(
                    at,
                    op.isEmpty()
                            ? "expected an operator (and, or, if, unless, with, without, else) or ')'"
                            : "'" + op
                                    + "' is not an operator of rich dependencies (and, or, if, unless, with, without, "
                                    + "else)");
        }
        if (ops.isEmpty()) {
            if (op.equals("else")) {
                throw fail(at, "'else' may only follow 'if' or 'unless'");
            }
            return;
        }
        String previous = last(ops);
        if (op.equals("else")) {
            if (ops.size() == 1 && (previous.equals("if") || previous.equals("unless"))) {
                return;
            }
            throw fail(at, "'else' may only follow 'if' or 'unless', once");
        }
        if (!op.equals(previous)) {
            throw fail(
                    at,
                    "'" + previous + "' and '" + op + "' cannot be chained in one pair of parentheses; add "
                            + "parentheses to say which comes first");
        }
        if (!List.of("and", "or", "with").contains(op)) {
            throw fail(at, "only 'and', 'or' and 'with' can be chained; add parentheses");
        }
    }

    private RpmDependency build(List<RpmDependency> operands, List<String> ops, int open) {
        if (ops.isEmpty()) {
            return operands.get(0);
        }
        try {
            return switch (ops.get(0)) {
                case "and" -> new RpmDependency.And(operands);
                case "or" -> new RpmDependency.Or(operands);
                case "with" -> new RpmDependency.With(operands);
                case "without" -> new RpmDependency.Without(operands.get(0), operands.get(1));
                case "if" -> new RpmDependency.If(operands.get(0), operands.get(1), otherwise(operands));
                case "unless" -> new RpmDependency.Unless(operands.get(0), operands.get(1), otherwise(operands));
                default -> throw new IllegalStateException("checked operator " + ops.get(0));
            };
        } catch (IllegalArgumentException e) {
            throw fail(
                    open,
                    "'with' and 'without' may hold only simple dependencies, 'or', 'with' and 'without', "
                            + "not 'and', 'if' or 'unless'");
        }
    }

    private static Optional<RpmDependency> otherwise(List<RpmDependency> operands) {
        return operands.size() > 2 ? Optional.of(operands.get(2)) : Optional.empty();
    }

    /** A simple dependency inside parentheses: name, then an operator and version if the next word is one. */
    private RpmDependency simpleInRich() {
        int start = pos;
        String name = nonWhite();
        if (name.isEmpty()) {
            throw fail(start, "expected a dependency name");
        }
        int afterName = pos;
        skipWhite();
        int opAt = pos;
        Optional<Comparison> op = Comparison.ofSymbol(nonWhite());
        if (op.isEmpty()) {
            pos = afterName;
            return simple(name, Comparison.ANY, null);
        }
        skipWhite();
        int versionAt = pos;
        String evr = nonWhite();
        if (evr.isEmpty()) {
            throw fail(opAt, "the operator " + op.get().symbol() + " has no version after it");
        }
        return simple(name, op.get(), version(evr, versionAt));
    }

    private RpmDependency simple(String name, Comparison c, RpmVersion evr) {
        return new RpmDependency.Simple(name, c, evr);
    }

    private RpmVersion version(String evr, int at) {
        try {
            return RpmVersion.parse(evr);
        } catch (RpmVersionError e) {
            throw fail(at, e.getMessage());
        }
    }

    /** rpm's SKIPNONWHITEX: up to white space, ',' or a ')' that closes no '(' of the word itself. */
    private String nonWhite() {
        int start = pos;
        int depth = 0;
        while (!atEnd()) {
            char c = peek();
            if (Character.isWhitespace(c) || c == ',' || (c == ')' && depth-- <= 0)) {
                break;
            }
            if (c == '(') {
                depth++;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    private String operatorWord() {
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && peek() != '(' && peek() != ')') {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static String last(List<String> ops) {
        return ops.get(ops.size() - 1);
    }

    private void skipWhite() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return atEnd() ? 0 : text.charAt(pos);
    }

    private RpmDependencyError fail(int at, String why) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return new RpmDependencyError("The dependency '" + shown + "' is malformed at character " + (at + 1) + ": "
                + why + ". The package or the repository metadata that lists it is damaged; rpm itself refuses such "
                + "dependencies.");
    }
}

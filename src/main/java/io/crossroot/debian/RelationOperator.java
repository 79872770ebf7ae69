package io.crossroot.debian;

/** The version operator of a relation, as written in Depends, Breaks, Provides, ... */
public enum RelationOperator {
    EARLIER("<<"),
    EARLIER_OR_EQUAL("<="),
    EQUAL("="),
    LATER_OR_EQUAL(">="),
    LATER(">>");

    private final String symbol;

    RelationOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /**
     * The operator for a symbol; also accepts the obsolete '<' and '>' that dpkg still reads as '<=' and '>='.
     * Returns null for anything else.
     */
    public static RelationOperator fromSymbol(String s) {
        return switch (s) {
            case "<<" -> EARLIER;
            case "<=", "<" -> EARLIER_OR_EQUAL;
            case "=" -> EQUAL;
            case ">=", ">" -> LATER_OR_EQUAL;
            case ">>" -> LATER;
            default -> null;
        };
    }

    /** Whether {@code actual OP required} holds. */
    public boolean holds(Version actual, Version required) {
        int c = actual.compareTo(required);
        return switch (this) {
            case EARLIER -> c < 0;
            case EARLIER_OR_EQUAL -> c <= 0;
            case EQUAL -> c == 0;
            case LATER_OR_EQUAL -> c >= 0;
            case LATER -> c > 0;
        };
    }
}

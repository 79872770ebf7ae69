package io.crossroot.rpm;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A dependency as RPM headers and rpm-md spell it: a simple one ({@code name [op evr]}) or a rich (boolean) one,
 * {@code (a and (b or c))}, as a small immutable tree. {@link #satisfiedBy} decides a requirement as rpm does.
 */
public sealed interface RpmDependency
        permits RpmDependency.Simple,
                RpmDependency.And,
                RpmDependency.Or,
                RpmDependency.With,
                RpmDependency.Without,
                RpmDependency.If,
                RpmDependency.Unless {

    /**
     * Parses a dependency: {@code name}, {@code name OP evr} (OP one of = == < <= =< > >= =>), or a rich one in
     * parentheses. A malformed one is an {@link RpmDependencyError} naming the character where it fails.
     */
    static RpmDependency parse(String text) {
        return RichDependencyParser.parse(text);
    }

    /**
     * An rpm-md {@code <rpm:entry>}: a name starting with '(' is a rich dependency (which has no flags); otherwise
     * {@code flags} (EQ, LT, GT, LE, GE, or null) with the EVR attributes.
     */
    static RpmDependency ofEntry(String name, String flags, String epoch, String ver, String rel) {
        if (name != null && name.startsWith("(")) {
            if (flags != null) {
                throw new RpmDependencyError("The rich dependency '" + name + "' carries flags " + flags
                        + ", which rpm never writes for one; the repository metadata is damaged.");
            }
            return parse(name);
        }
        Comparison c = flags == null ? Comparison.ANY : Comparison.ofRpmMd(flags, name);
        if (c == Comparison.ANY) {
            return new Simple(name, c, null);
        }
        return new Simple(name, c, RpmVersion.of(epoch, ver == null ? "" : ver, rel));
    }

    /** True when the packages {@code world} knows satisfy this requirement, as rpm and libsolv decide it. */
    boolean satisfiedBy(Providers world);

    /** True when a single package with these {@code provides} (its file paths included) satisfies it. */
    default boolean satisfiedBy(Collection<Simple> provides) {
        Object onePackage = new Object();
        return satisfiedBy(req -> provides.stream().anyMatch(req::overlaps) ? Set.of(onePackage) : Set.of());
    }

    /** The packages that provide a simple requirement; any objects that tell packages apart. */
    @FunctionalInterface
    interface Providers {
        Set<?> of(Simple requirement);
    }

    /** The comparison of a simple dependency, with rpm's LESS/GREATER/EQUAL sense bits. */
    enum Comparison {
        ANY("", false, false, false),
        EQ("=", false, true, false),
        LT("<", true, false, false),
        LE("<=", true, true, false),
        GT(">", false, false, true),
        GE(">=", false, true, true);

        private final String symbol;
        private final boolean less;
        private final boolean equal;
        private final boolean greater;

        Comparison(String symbol, boolean less, boolean equal, boolean greater) {
            this.symbol = symbol;
            this.less = less;
            this.equal = equal;
            this.greater = greater;
        }

        public String symbol() {
            return symbol;
        }

        /** The operator as written in a spec file or rich dependency, or empty if {@code op} is none. */
        static Optional<Comparison> ofSymbol(String op) {
            return Optional.ofNullable(
                    switch (op) {
                        case "=", "==" -> EQ;
                        case "<" -> LT;
                        case "<=", "=<" -> LE;
                        case ">" -> GT;
                        case ">=", "=>" -> GE;
                        default -> null;
                    });
        }

        static Comparison ofRpmMd(String flags, String name) {
            try {
                Comparison c = valueOf(flags.toUpperCase(Locale.ROOT));
                if (c != ANY && c.name().equals(flags)) {
                    return c;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw new RpmDependencyError("The dependency on '" + name + "' has flags '" + flags + "'; rpm-md knows "
                    + "only EQ, LT, LE, GT and GE. The repository metadata is damaged or not rpm-md.");
        }
    }

    /** {@code name}, or {@code name OP evr}; evr is null exactly when the comparison is ANY. */
    record Simple(String name, Comparison comparison, RpmVersion evr) implements RpmDependency {
        public Simple {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(comparison, "comparison");
            if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new RpmDependencyError("'" + name + "' is not a valid dependency name: it is empty or holds "
                        + "white space or control characters.");
            }
            if ((comparison == Comparison.ANY) != (evr == null)) {
                throw new IllegalArgumentException("a version goes with a comparison: " + name);
            }
        }

        /** An unversioned dependency or provide, e.g. a file path. */
        public static Simple of(String name) {
            return new Simple(name, Comparison.ANY, null);
        }

        /**
         * rpm's rpmdsCompare: same name and overlapping ranges. An unversioned side overlaps everything; a release
         * left out on one side matches any release when that side includes equality.
         */
        public boolean overlaps(Simple other) {
            if (!name.equals(other.name)) {
                return false;
            }
            if (comparison == Comparison.ANY || other.comparison == Comparison.ANY) {
                return true;
            }
            int sense = Long.compare(evr.epoch(), other.evr.epoch());
            if (sense == 0) {
                sense = RpmVersion.rpmvercmp(evr.version(), other.evr.version());
            }
            if (sense == 0) {
                if (evr.release().isPresent() && other.evr.release().isPresent()) {
                    sense = RpmVersion.rpmvercmp(
                            evr.release().get(), other.evr.release().get());
                } else if ((evr.release().isPresent() && other.comparison.equal)
                        || (other.evr.release().isPresent() && comparison.equal)) {
                    return true;
                }
            }
            Comparison a = comparison;
            Comparison b = other.comparison;
            if (sense < 0) {
                return a.greater || b.less;
            }
            if (sense > 0) {
                return a.less || b.greater;
            }
            return (a.equal && b.equal) || (a.less && b.less) || (a.greater && b.greater);
        }

        @Override
        public boolean satisfiedBy(Providers world) {
            return !world.of(this).isEmpty();
        }

        @Override
        public String toString() {
            return comparison == Comparison.ANY ? name : name + " " + comparison.symbol + " " + evr;
        }
    }

    /** All operands are required. */
    record And(List<RpmDependency> operands) implements RpmDependency {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean satisfiedBy(Providers world) {
            return operands.stream().allMatch(d -> d.satisfiedBy(world));
        }

        @Override
        public String toString() {
            return chain(operands, "and");
        }
    }

    /** One operand suffices. */
    record Or(List<RpmDependency> operands) implements RpmDependency {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public boolean satisfiedBy(Providers world) {
            return operands.stream().anyMatch(d -> d.satisfiedBy(world));
        }

        @Override
        public String toString() {
            return chain(operands, "or");
        }
    }

    /** One package must satisfy every operand (simple, or, with, without only). */
    record With(List<RpmDependency> operands) implements RpmDependency {
        public With {
            operands = List.copyOf(operands);
            operands.forEach(RpmDependency::checkWithOperand);
        }

        @Override
        public boolean satisfiedBy(Providers world) {
            return !providers(this, world).isEmpty();
        }

        @Override
        public String toString() {
            return chain(operands, "with");
        }
    }

    /** One package must satisfy {@code left} but not {@code right}. */
    record Without(RpmDependency left, RpmDependency right) implements RpmDependency {
        public Without {
            checkWithOperand(left);
            checkWithOperand(right);
        }

        @Override
        public boolean satisfiedBy(Providers world) {
            return !providers(this, world).isEmpty();
        }

        @Override
        public String toString() {
            return "(" + left + " without " + right + ")";
        }
    }

    /** {@code then} is required if {@code condition} is satisfied, else {@code otherwise} (if given). */
    record If(RpmDependency then, RpmDependency condition, Optional<RpmDependency> otherwise) implements RpmDependency {
        @Override
        public boolean satisfiedBy(Providers world) {
            if (condition.satisfiedBy(world)) {
                return then.satisfiedBy(world);
            }
            return otherwise.map(d -> d.satisfiedBy(world)).orElse(true);
        }

        @Override
        public String toString() {
            return "(" + then + " if " + condition
                    + otherwise.map(d -> " else " + d).orElse("") + ")";
        }
    }

    /** {@code then} is required unless {@code condition} is satisfied, in which case {@code otherwise} is. */
    record Unless(RpmDependency then, RpmDependency condition, Optional<RpmDependency> otherwise)
            implements RpmDependency {
        @Override
        public boolean satisfiedBy(Providers world) {
            if (condition.satisfiedBy(world)) {
                return otherwise.map(d -> d.satisfiedBy(world)).orElse(true);
            }
            return then.satisfiedBy(world);
        }

        @Override
        public String toString() {
            return "(" + then + " unless " + condition
                    + otherwise.map(d -> " else " + d).orElse("") + ")";
        }
    }

    private static String chain(List<RpmDependency> operands, String op) {
        return operands.stream().map(Object::toString).collect(Collectors.joining(" " + op + " ", "(", ")"));
    }

    /** rpm allows only simple, or, with and without inside with/without ("Illegal ops in with/without"). */
    private static void checkWithOperand(RpmDependency d) {
        switch (d) {
            case Simple s -> {}
            case Or or -> or.operands().forEach(RpmDependency::checkWithOperand);
            case With w -> {}
            case Without w -> {}
            case And a -> throw new IllegalArgumentException("'and' inside with/without: " + a);
            case If i -> throw new IllegalArgumentException("'if' inside with/without: " + i);
            case Unless u -> throw new IllegalArgumentException("'unless' inside with/without: " + u);
        }
    }

    /** The packages that satisfy every part of a with/without tree at once (the parser allows nothing else). */
    private static Set<Object> providers(RpmDependency d, Providers world) {
        return switch (d) {
            case Simple s -> new HashSet<>(world.of(s));
            case Or or -> {
                Set<Object> all = new HashSet<>();
                or.operands().forEach(o -> all.addAll(providers(o, world)));
                yield all;
            }
            case With with -> {
                Set<Object> common = providers(with.operands().get(0), world);
                with.operands().stream().skip(1).forEach(o -> common.retainAll(providers(o, world)));
                yield common;
            }
            case Without without -> {
                Set<Object> left = providers(without.left(), world);
                left.removeAll(providers(without.right(), world));
                yield left;
            }
            case And a -> throw new IllegalStateException("the parser keeps 'and' out of with/without: " + a);
            case If i -> throw new IllegalStateException("the parser keeps 'if' out of with/without: " + i);
            case Unless u -> throw new IllegalStateException("the parser keeps 'unless' out of with/without: " + u);
        };
    }
}

package io.crossroot.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.rpm.RpmDependency.Comparison;
import io.crossroot.rpm.RpmDependency.Simple;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmDependencyTest {
    private static Simple dep(String text) {
        return (Simple) RpmDependency.parse(text);
    }

    @Test
    void parsesSimpleDependencies() {
        assertThat(dep("bash")).isEqualTo(Simple.of("bash"));
        Simple glibc = dep("glibc >= 2:2.38-4");
        assertThat(glibc.name()).isEqualTo("glibc");
        assertThat(glibc.comparison()).isEqualTo(Comparison.GE);
        assertThat(glibc.evr()).isEqualTo(RpmVersion.parse("2:2.38-4"));
        assertThat(dep("perl(Carp) == 1.50").comparison()).isEqualTo(Comparison.EQ);
        assertThat(dep("libc.so.6(GLIBC_2.34)(64bit)").name()).isEqualTo("libc.so.6(GLIBC_2.34)(64bit)");
        assertThat(dep("foo =< 1").comparison()).isEqualTo(Comparison.LE);
    }

    /** Provide, require, overlap: rpm's rpmdsCompare, including "release omitted matches any release". */
    @ParameterizedTest(name = "provide {0} / require {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            foo = 1.0-1          | foo                | true
            foo                  | foo >= 9           | true
            foo = 1.0-1          | foo >= 1.0         | true
            foo = 1.0-1          | foo > 1.0          | false
            foo = 1.0-1          | foo <= 1.0         | true
            foo = 1.0-1          | foo < 1.0          | false
            foo = 1.0-1          | foo = 1.0          | true
            foo = 1.0            | foo = 1.0-7        | true
            foo = 1.0            | foo > 1.0-7        | true
            foo = 1.0-2          | foo = 1.0-1        | false
            foo = 1.0-2          | foo > 1.0-1        | true
            foo = 1.0-2          | foo < 1.0-10       | true
            foo = 1:0.5-1        | foo >= 2.0         | true
            foo = 0.5-1          | foo >= 0:0.5       | true
            foo = 0.5-1          | foo >= 1:0.1       | false
            foo = 1.0~rc1-1      | foo >= 1.0         | false
            foo = 1.0^git1-1     | foo > 1.0          | true
            foo >= 2.0           | foo < 3.0          | true
            foo >= 2.0           | foo < 2.0          | false
            foo <= 2.0           | foo >= 2.0         | true
            foo < 2.0            | foo > 1.0          | true
            bar = 1.0            | foo                | false
            """)
    void overlapsAsRpmDoes(String provide, String require, boolean expected) {
        assertThat(dep(require).overlaps(dep(provide))).isEqualTo(expected);
        assertThat(dep(provide).overlaps(dep(require))).isEqualTo(expected);
        assertThat(RpmDependency.parse(require).satisfiedBy(List.of(dep(provide))))
                .isEqualTo(expected);
    }

    @Test
    void parsesRichDependenciesIntoATree() {
        RpmDependency d = RpmDependency.parse("(foo >= 1.0 and (bar or baz) and perl(Carp))");
        assertThat(d).isInstanceOf(RpmDependency.And.class);
        List<RpmDependency> ops = ((RpmDependency.And) d).operands();
        assertThat(ops).hasSize(3);
        assertThat(ops.get(1)).isEqualTo(new RpmDependency.Or(List.of(Simple.of("bar"), Simple.of("baz"))));
        assertThat(ops.get(2)).isEqualTo(Simple.of("perl(Carp)"));
        assertThat(d).hasToString("(foo >= 1.0 and (bar or baz) and perl(Carp))");
        assertThat(RpmDependency.parse("(a if b else c)")).isInstanceOf(RpmDependency.If.class);
        assertThat(RpmDependency.parse("(a unless b else c)")).isInstanceOf(RpmDependency.Unless.class);
        assertThat(RpmDependency.parse("(a without b)")).isInstanceOf(RpmDependency.Without.class);
        assertThat(RpmDependency.parse("(a with b with c)")).isInstanceOf(RpmDependency.With.class);
        assertThat(RpmDependency.parse("  ((a))  ")).isEqualTo(Simple.of("a"));
        // as in rpm, an operator needs white space around it: "a>=1" is one name
        assertThat(RpmDependency.parse("(a>=1 or b)")).isEqualTo(RpmDependency.parse("(a>=1 or b)"));
        assertThat(((RpmDependency.Or) RpmDependency.parse("(a>=1 or b)"))
                        .operands()
                        .get(0))
                .isEqualTo(Simple.of("a>=1"));
    }

    @Test
    void richSemanticsFollowRpm() {
        List<Simple> world = List.of(dep("foo = 2.0-1"), Simple.of("bar"));
        assertThat(RpmDependency.parse("(foo >= 1 and bar)").satisfiedBy(world)).isTrue();
        assertThat(RpmDependency.parse("(foo >= 3 and bar)").satisfiedBy(world)).isFalse();
        assertThat(RpmDependency.parse("(foo >= 3 or bar)").satisfiedBy(world)).isTrue();
        assertThat(RpmDependency.parse("(baz if foo)").satisfiedBy(world)).isFalse();
        assertThat(RpmDependency.parse("(baz if qux)").satisfiedBy(world)).isTrue();
        assertThat(RpmDependency.parse("(baz if qux else bar)").satisfiedBy(world))
                .isTrue();
        assertThat(RpmDependency.parse("(baz if qux else quux)").satisfiedBy(world))
                .isFalse();
        assertThat(RpmDependency.parse("(baz unless foo)").satisfiedBy(world)).isTrue();
        assertThat(RpmDependency.parse("(baz unless qux)").satisfiedBy(world)).isFalse();
        assertThat(RpmDependency.parse("(baz unless foo else bar)").satisfiedBy(world))
                .isTrue();
        assertThat(RpmDependency.parse("(baz unless foo else qux)").satisfiedBy(world))
                .isFalse();
    }

    @Test
    void withAndWithoutNeedOnePackageForAllOperands() {
        Map<String, Set<String>> providers = Map.of("a", Set.of("p1", "p2"), "b", Set.of("p2"), "c", Set.of("p1"));
        RpmDependency.Providers world = req -> providers.getOrDefault(req.name(), Set.of());
        assertThat(RpmDependency.parse("(a with b)").satisfiedBy(world)).isTrue();
        assertThat(RpmDependency.parse("(b with c)").satisfiedBy(world)).isFalse();
        assertThat(RpmDependency.parse("(b and c)").satisfiedBy(world)).isTrue();
        assertThat(RpmDependency.parse("(a without b)").satisfiedBy(world)).isTrue();
        assertThat(RpmDependency.parse("(b without a)").satisfiedBy(world)).isFalse();
        assertThat(RpmDependency.parse("((b or c) with c)").satisfiedBy(world)).isTrue();
    }

    @Test
    void readsRpmMdEntries() {
        assertThat(RpmDependency.ofEntry("glibc", "GE", "0", "2.38", null)).isEqualTo(dep("glibc >= 0:2.38"));
        assertThat(RpmDependency.ofEntry("/bin/sh", null, null, null, null)).isEqualTo(Simple.of("/bin/sh"));
        assertThat(RpmDependency.ofEntry("(a or b)", null, null, null, null)).isInstanceOf(RpmDependency.Or.class);
        assertThatThrownBy(() -> RpmDependency.ofEntry("glibc", "GREATER", "0", "1", null))
                .isInstanceOf(RpmDependencyError.class)
                .hasMessageContaining("flags 'GREATER'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            (a and b                | character 1: the '(' here is never closed
            ()                      | character 2: the parentheses are empty
            (a and)                 | character 7: 'and' has no operand
            (a and b or c)          | character 10: 'and' and 'or' cannot be chained
            (a if b if c)           | character 9: only 'and', 'or' and 'with' can be chained
            (a without b without c) | character 14: only 'and', 'or' and 'with' can be chained
            (a else b)              | character 4: 'else' may only follow 'if' or 'unless'
            (a if b else c else d)  | character 16: 'else' may only follow 'if' or 'unless', once
            (a xor b)               | character 4: 'xor' is not an operator
            (a and b) c             | character 11: text follows the closing ')'
            (a >= )                 | character 4: the operator >= has no version after it
            (a >= 1.0- )            | character 7: '1.0-' is not a valid RPM version
            ((a and b) with c)      | character 1: 'with' and 'without' may hold only
            a b                     | character 3: a simple dependency is 'name' or 'name OP version'
            a >= 1 2                | character 3: a simple dependency is 'name' or 'name OP version'
            """)
    void malformedDependenciesSayWhereTheyFail(String text, String message) {
        assertThatThrownBy(() -> RpmDependency.parse(text))
                .isInstanceOf(RpmDependencyError.class)
                .hasMessageContaining(message)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void hostileInputFailsWithAMessageNotAStackOverflow() {
        String deep = "(".repeat(100_000) + "a" + ")".repeat(100_000);
        assertThatThrownBy(() -> RpmDependency.parse(deep))
                .isInstanceOf(RpmDependencyError.class)
                .hasMessageContaining("at most " + RichDependencyParser.MAX_LENGTH);
        String nested = "(".repeat(1000) + "a" + ")".repeat(1000);
        assertThatThrownBy(() -> RpmDependency.parse(nested))
                .isInstanceOf(RpmDependencyError.class)
                .hasMessageContaining("nest deeper than " + RichDependencyParser.MAX_DEPTH);
        String atLimit = "(".repeat(RichDependencyParser.MAX_DEPTH) + "a" + ")".repeat(RichDependencyParser.MAX_DEPTH);
        assertThat(RpmDependency.parse(atLimit)).isEqualTo(Simple.of("a"));
        String wide = "(" + String.join(" or ", java.util.Collections.nCopies(5000, "pkg")) + ")";
        assertThat(((RpmDependency.Or) RpmDependency.parse(wide)).operands()).hasSize(5000);
        assertThatThrownBy(() -> RpmDependency.parse("(a\u0000b)")).isInstanceOf(RpmDependencyError.class);
        assertThatThrownBy(() -> RpmDependency.parse("")).isInstanceOf(RpmDependencyError.class);
    }
}

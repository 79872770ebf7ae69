package io.crossroot.debian.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationParser;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelationMatcherTest {
    private static final Map<String, BinaryPackage> REAL =
            Fixtures.trixie().stream().collect(Collectors.toMap(BinaryPackage::name, Function.identity()));
    private static final RelationMatcher MATCHER = new RelationMatcher("riscv64");

    /** dpkg's rules on real stanzas: perl is Multi-Arch: allowed, mawk foreign, libc6 same, perl-base none. */
    @ParameterizedTest(name = "{0} satisfies {1} for a {2} depender: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            perl       | perl:any                   | riscv64 | true
            perl       | perl:any (>= 5.36)         | riscv64 | true
            perl-base  | perl-base:any              | riscv64 | false
            mawk       | mawk:any                   | riscv64 | false
            mawk       | mawk                       | amd64   | true
            perl-base  | perl-base                  | amd64   | false
            libc6      | libc6                      | all     | true
            libc6      | libc6:native               | amd64   | true
            libc6      | libc6:riscv64              | amd64   | true
            libc6      | libc6:arm64                | riscv64 | false
            mawk       | awk                        | riscv64 | true
            mawk       | awk (>= 1)                 | riscv64 | false
            libgcc-s1  | libgcc1 (>= 1:14)          | riscv64 | true
            libgcc-s1  | libgcc1 (<< 1:14)          | riscv64 | false
            libgcc-s1  | libgcc-s1 (= 14.2.0-19)    | riscv64 | true
            perl-base  | perlapi-5.40.0             | riscv64 | true
            """)
    void appliesDpkgsArchitectureAndProvidesRules(String pkg, String relation, String dependerArch, boolean expected) {
        Relation r =
                RelationParser.parse("Depends", relation).get(0).alternatives().get(0);
        assertThat(MATCHER.satisfies(REAL.get(pkg), r, dependerArch)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} Conflicts/Breaks {1} hits {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox                  | busybox-static                                | busybox-static                    | true
            busybox-static           | busybox                                       | busybox                           | true
            fluidr3mono-gm-soundfont | musescore-general-soundfont (<< 0.1.3-1~)     | musescore-general-soundfont-small | false
            busybox-static           | busybox                                       | busybox-static                    | false
            """)
    void conflictsUseTheSameRulesButNeverHitTheDeclarer(
            String declarer, String relation, String target, boolean expected) {
        List<Relation> r = RelationParser.parseWithoutAlternatives("Conflicts", relation);
        assertThat(MATCHER.conflicts(REAL.get(declarer), r.get(0), REAL.get(target)))
                .isEqualTo(expected);
    }
}

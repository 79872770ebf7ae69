package io.crossroot.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmVersionTest {
    /** rpm's own cases (tests/rpmvercmp.at of rpm-software-management/rpm): a, b, rpmvercmp(a, b). */
    @ParameterizedTest(name = "rpmvercmp({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0 | 1.0 | 0
            1.0 | 2.0 | -1
            2.0 | 1.0 | 1
            2.0.1 | 2.0.1 | 0
            2.0 | 2.0.1 | -1
            2.0.1 | 2.0 | 1
            2.0.1a | 2.0.1a | 0
            2.0.1a | 2.0.1 | 1
            2.0.1 | 2.0.1a | -1
            5.5p1 | 5.5p1 | 0
            5.5p1 | 5.5p2 | -1
            5.5p2 | 5.5p1 | 1
            5.5p10 | 5.5p10 | 0
            5.5p1 | 5.5p10 | -1
            5.5p10 | 5.5p1 | 1
            10xyz | 10.1xyz | -1
            10.1xyz | 10xyz | 1
            xyz10 | xyz10 | 0
            xyz10 | xyz10.1 | -1
            xyz10.1 | xyz10 | 1
            xyz.4 | xyz.4 | 0
            xyz.4 | 8 | -1
            8 | xyz.4 | 1
            xyz.4 | 2 | -1
            2 | xyz.4 | 1
            5.5p2 | 5.6p1 | -1
            5.6p1 | 5.5p2 | 1
            5.6p1 | 6.5p1 | -1
            6.5p1 | 5.6p1 | 1
            6.0.rc1 | 6.0 | 1
            6.0 | 6.0.rc1 | -1
            10b2 | 10a1 | 1
            10a2 | 10b2 | -1
            1.0aa | 1.0aa | 0
            1.0a | 1.0aa | -1
            1.0aa | 1.0a | 1
            10.0001 | 10.0001 | 0
            10.0001 | 10.1 | 0
            10.1 | 10.0001 | 0
            10.0001 | 10.0039 | -1
            10.0039 | 10.0001 | 1
            4.999.9 | 5.0 | -1
            5.0 | 4.999.9 | 1
            20101121 | 20101121 | 0
            20101121 | 20101122 | -1
            20101122 | 20101121 | 1
            2_0 | 2_0 | 0
            2.0 | 2_0 | 0
            2_0 | 2.0 | 0
            a | a | 0
            a+ | a+ | 0
            a+ | a_ | 0
            a_ | a+ | 0
            +a | +a | 0
            +a | _a | 0
            _a | +a | 0
            +_ | +_ | 0
            _+ | +_ | 0
            _+ | _+ | 0
            + | _ | 0
            _ | + | 0
            1.0~rc1 | 1.0~rc1 | 0
            1.0~rc1 | 1.0 | -1
            1.0 | 1.0~rc1 | 1
            1.0~rc1 | 1.0~rc2 | -1
            1.0~rc2 | 1.0~rc1 | 1
            1.0~rc1~git123 | 1.0~rc1~git123 | 0
            1.0~rc1~git123 | 1.0~rc1 | -1
            1.0~rc1 | 1.0~rc1~git123 | 1
            1.0^ | 1.0^ | 0
            1.0^ | 1.0 | 1
            1.0 | 1.0^ | -1
            1.0^git1 | 1.0^git1 | 0
            1.0^git1 | 1.0 | 1
            1.0 | 1.0^git1 | -1
            1.0^git1 | 1.0^git2 | -1
            1.0^git2 | 1.0^git1 | 1
            1.0^git1 | 1.01 | -1
            1.01 | 1.0^git1 | 1
            1.0^20160101 | 1.0^20160101 | 0
            1.0^20160101 | 1.0.1 | -1
            1.0.1 | 1.0^20160101 | 1
            1.0^20160101^git1 | 1.0^20160101^git1 | 0
            1.0^20160102 | 1.0^20160101^git1 | 1
            1.0^20160101^git1 | 1.0^20160102 | -1
            1.0~rc1^git1 | 1.0~rc1^git1 | 0
            1.0~rc1^git1 | 1.0~rc1 | 1
            1.0~rc1 | 1.0~rc1^git1 | -1
            1.0^git1~pre | 1.0^git1~pre | 0
            1.0^git1 | 1.0^git1~pre | 1
            1.0^git1~pre | 1.0^git1 | -1
            """)
    void comparesAsRpmvercmp(String a, String b, int expected) {
        assertThat(RpmVersion.rpmvercmp(a, b)).isEqualTo(expected);
        assertThat(RpmVersion.parse(a).compareTo(RpmVersion.parse(b))).isEqualTo(expected);
        if (expected == 0) {
            assertThat(RpmVersion.parse(a)).isEqualTo(RpmVersion.parse(b));
            assertThat(RpmVersion.parse(a).hashCode())
                    .isEqualTo(RpmVersion.parse(b).hashCode());
        }
    }

    @Test
    void tildeSortsBeforeTheEndAndCaretAfterIt() {
        assertThat(RpmVersion.rpmvercmp("1.0~", "1.0")).isEqualTo(-1);
        assertThat(RpmVersion.rpmvercmp("1.0^", "1.0")).isEqualTo(1);
        assertThat(RpmVersion.rpmvercmp("1.0^", "1.0.0")).isEqualTo(-1);
        assertThat(RpmVersion.rpmvercmp("1.0~", "1.0^")).isEqualTo(-1);
    }

    @Test
    void parsesEpochVersionAndReleaseSplittingAtTheLastHyphen() {
        RpmVersion v = RpmVersion.parse("2:1.2.3-4.fc40");
        assertThat(v.epoch()).isEqualTo(2);
        assertThat(v.version()).isEqualTo("1.2.3");
        assertThat(v.release()).contains("4.fc40");
        assertThat(v).hasToString("2:1.2.3-4.fc40");
        RpmVersion noRelease = RpmVersion.parse("1.2");
        assertThat(noRelease.epoch()).isZero();
        assertThat(noRelease.release()).isEmpty();
        assertThat(RpmVersion.parse(":1.0").epoch()).isZero();
        assertThat(RpmVersion.of("0", "2.36", "9.oe2403")).hasToString("0:2.36-9.oe2403");
    }

    @Test
    void aMissingEpochIsZero() {
        assertThat(RpmVersion.parse("1.0-1")).isEqualTo(RpmVersion.parse("0:1.0-1"));
        assertThat(RpmVersion.parse("1:0.1-1")).isGreaterThan(RpmVersion.parse("9.9-9"));
    }

    @Test
    void releaseCountsForDependenciesOnlyWhenBothHaveOne() {
        assertThat(RpmVersion.parse("1.0").compareForDependency(RpmVersion.parse("1.0-5")))
                .isZero();
        assertThat(RpmVersion.parse("1.0-4").compareForDependency(RpmVersion.parse("1.0-5")))
                .isEqualTo(-1);
        assertThat(RpmVersion.parse("1.0").compareTo(RpmVersion.parse("1.0-5"))).isEqualTo(-1);
    }

    @Test
    void malformedVersionsAreClearErrors() {
        assertThatThrownBy(() -> RpmVersion.parse(""))
                .isInstanceOf(RpmVersionError.class)
                .hasMessageContaining("it is empty");
        assertThatThrownBy(() -> RpmVersion.parse("1.0-"))
                .isInstanceOf(RpmVersionError.class)
                .hasMessageContaining("'1.0-'")
                .hasMessageContaining("release after the last '-' is empty");
        assertThatThrownBy(() -> RpmVersion.parse("-1")).hasMessageContaining("the version is empty");
        assertThatThrownBy(() -> RpmVersion.parse("a:1.0")).hasMessageContaining("':' may only follow");
        assertThatThrownBy(() -> RpmVersion.parse("1.0 beta")).hasMessageContaining("white space");
        assertThatThrownBy(() -> RpmVersion.parse("99999999999999999999:1")).hasMessageContaining("too large");
        assertThatThrownBy(() -> RpmVersion.of("x", "1", "1")).hasMessageContaining("epoch 'x' is not a number");
        assertThatThrownBy(() -> RpmVersion.of("0", "1-2", "1")).hasMessageContaining("contains '-'");
    }
}

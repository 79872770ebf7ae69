package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {

    /** a, b, sign of compare(a, b); from dpkg's t-version.c, Policy 5.6.12 and real archive versions. */
    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0          | 1.0            |  0
            1.0          | 0:1.0          |  0
            1.0          | 1.0-0          |  0
            1.0          | 1.00           |  0
            1.0a         | 1.0a0          |  0
            1.0          | 1.1            | -1
            1.0~rc1      | 1.0            | -1
            1.0~rc1      | 1.0~rc2        | -1
            1.0~~        | 1.0~           | -1
            1.0~~a       | 1.0~~          |  1
            1.0~         | 1.0            | -1
            1.0          | 1.0a           | -1
            1.0a         | 1.0+           | -1
            1.0+         | 1.0.           | -1
            1.0-1        | 1.0-1+b1       | -1
            1.0-1+b1     | 1.0-2          | -1
            1.0-1~bpo1   | 1.0-1          | -1
            1:0          | 9              |  1
            1:0          | 0:9            |  1
            2:1.0        | 10:0.1         | -1
            1.2.3        | 1.2.10         | -1
            1.002        | 1.2            |  0
            1.10         | 1.9            |  1
            0.1          | 0.01           |  0
            2.41-12+deb13u5 | 2.41-12     |  1
            2.41-12      | 2.41-12+deb13u5 | -1
            3.0.4        | 3.0.3          |  1
            1:4.16.0-2+really2.41.5-0+deb13u1 | 1:4.17.4-2 | -1
            6.5+20250216-2 | 6.5-2        |  1
            5.3.28+dfsg2-9 | 5.3.28-9     |  1
            1.3.dfsg+really1.3.1-1 | 1.3.1-1 | 1
            0.5.12-12    | 0.5.12-2       |  1
            1.2-3-4      | 1.2-3-5        | -1
            a:b          | 1              | 99
            """)
    void comparesLikeDpkg(String a, String b, int expected) {
        if (expected == 99) {
            assertThatThrownBy(() -> Version.parse(a)).isInstanceOf(UserError.class);
            return;
        }
        Version va = Version.parse(a);
        Version vb = Version.parse(b);
        assertThat(Integer.signum(va.compareTo(vb))).as("%s vs %s", a, b).isEqualTo(expected);
        assertThat(Integer.signum(vb.compareTo(va))).as("%s vs %s", b, a).isEqualTo(-expected);
        assertThat(va.equals(vb)).isEqualTo(expected == 0);
        if (expected == 0) {
            assertThat(va.hashCode()).isEqualTo(vb.hashCode());
        }
    }

    @Test
    void splitsEpochUpstreamAndRevision() {
        Version v = Version.parse("1:4.16.0-2+really2.41.5-0+deb13u1");
        assertThat(v.epoch()).isEqualTo(1);
        assertThat(v.upstream()).isEqualTo("4.16.0-2+really2.41.5");
        assertThat(v.revision()).isEqualTo("0+deb13u1");
        assertThat(v).hasToString("1:4.16.0-2+really2.41.5-0+deb13u1");

        Version native_ = Version.parse("13.8");
        assertThat(native_.epoch()).isZero();
        assertThat(native_.revision()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''         | empty
            '1.0 1'    | white space
            ':1.0'     | epoch
            'x:1.0'    | epoch
            '1.0-'     | revision
            '-1'       | upstream version is empty
            'abc'      | start with a digit
            '1.0_2'    | '_'
            '1.0-1:2'  | ':'
            '1:'       | upstream version is empty
            """)
    void rejectsInvalidVersionsWithAClearMessage(String text, String hint) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'" + text.strip() + "' is not a valid Debian version")
                .hasMessageContaining(hint);
    }

    @Test
    void sortsAListTheWayAptDoes() {
        var sorted = java.util.stream.Stream.of("1.0", "1.0~rc1", "1:0.5", "1.0-1", "1.0-1+b1", "0.9", "1.0+dfsg")
                .map(Version::parse)
                .sorted()
                .map(Version::toString)
                .toList();
        assertThat(sorted).containsExactly("0.9", "1.0~rc1", "1.0", "1.0-1", "1.0-1+b1", "1.0+dfsg", "1:0.5");
    }
}

package io.crossroot.debian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelationParserTest {

    @Test
    void parsesTheExampleFromTheBrief() {
        List<RelationGroup> groups =
                RelationParser.parse("Depends", "a (>= 1.0) | b:any, c [amd64 !riscv64] <!nocheck>");
        assertThat(groups).hasSize(2);
        Relation a = groups.get(0).alternatives().get(0);
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.constraint().operator()).isEqualTo(RelationOperator.LATER_OR_EQUAL);
        assertThat(a.constraint().version()).isEqualTo(Version.parse("1.0"));
        Relation b = groups.get(0).alternatives().get(1);
        assertThat(b.archQualifier()).isEqualTo("any");
        assertThat(b.constraint()).isNull();
        Relation c = groups.get(1).alternatives().get(0);
        assertThat(c.archRestrictions())
                .containsExactly(
                        new RelationArchRestriction("amd64", false), new RelationArchRestriction("riscv64", true));
        assertThat(c.profileRestrictions()).containsExactly(List.of(new RelationProfileTerm("nocheck", true)));
        // a mixed list is read as dpkg reads it: the first term that names the architecture decides
        assertThat(c.appliesTo("amd64", Set.of())).isTrue();
        assertThat(c.appliesTo("riscv64", Set.of())).isFalse();
        assertThat(c.appliesTo("arm64", Set.of())).isTrue();
        assertThat(c.appliesTo("amd64", Set.of("nocheck"))).isFalse();
    }

    @Test
    void parsesRealPackagesFields() {
        // apt 3.0.x and libc6 from trixie riscv64, with continuation-line style white space
        List<RelationGroup> apt = RelationParser.parse(
                "Depends",
                "base-passwd (>= 3.6.1) | adduser, libapt-pkg7.0 (>= 3.0.4), libc6 (>= 2.38),\n libgcc-s1 (>= 3.3.1),"
                        + " libseccomp2 (>= 2.4.2), libstdc++6 (>= 13.1), libsystemd0, sqv (>= 1.3.0)");
        assertThat(apt).hasSize(8);
        assertThat(apt.get(0)).hasToString("base-passwd (>= 3.6.1) | adduser");
        assertThat(apt.get(3).alternatives().get(0).name()).isEqualTo("libgcc-s1");
        assertThat(apt.get(5).alternatives().get(0).name()).isEqualTo("libstdc++6");

        List<Relation> provides =
                RelationParser.parseWithoutAlternatives("Provides", "libpam-runtime (= 1.7.0-5), awk, perlapi-5.40.1");
        assertThat(provides).extracting(Relation::name).containsExactly("libpam-runtime", "awk", "perlapi-5.40.1");
        assertThat(provides.get(0).constraint()).hasToString("= 1.7.0-5");

        assertThat(RelationParser.parse("Depends", "python3:any (>= 3.11~), libpython3.13-stdlib:native")
                        .get(1)
                        .alternatives()
                        .get(0)
                        .archQualifier())
                .isEqualTo("native");
    }

    @Test
    void acceptsObsoleteOperatorsAndEmptyEntriesLikeDpkg() {
        List<RelationGroup> g = RelationParser.parse("Depends", "a (< 1), b (>2), , c,");
        assertThat(g).hasSize(3);
        assertThat(g.get(0).alternatives().get(0).constraint().operator()).isEqualTo(RelationOperator.EARLIER_OR_EQUAL);
        assertThat(g.get(1).alternatives().get(0).constraint().operator()).isEqualTo(RelationOperator.LATER_OR_EQUAL);
        assertThat(RelationParser.parse("Depends", "  ")).isEmpty();
        assertThat(RelationParser.parse("Depends", null)).isEmpty();
    }

    @Test
    void roundTripsToDebianSyntax() {
        String text = "libc6-dev:riscv64 (>= 2.36) [linux-any] <!stage1 !nocheck> <cross> | libc-dev";
        assertThat(RelationParser.parse("Build-Depends", text).get(0)).hasToString(text);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            foo [amd64 riscv64]        | riscv64 | true
            foo [amd64 riscv64]        | arm64   | false
            foo [!riscv64]             | riscv64 | false
            foo [!riscv64]             | arm64   | true
            foo [linux-any]            | riscv64 | true
            foo [hurd-any]             | riscv64 | false
            foo [!hurd-any !kfreebsd-any] | amd64 | true
            foo [any-arm]              | armhf   | true
            foo [any-arm]              | armel   | true
            foo [any-arm]              | arm64   | false
            foo [any-amd64]            | amd64   | true
            foo [any-amd64]            | hurd-amd64 | true
            foo [gnu-linux-any]        | amd64   | true
            foo [any]                  | s390x   | true
            foo                        | s390x   | true
            """)
    void evaluatesArchitectureRestrictions(String text, String arch, boolean applies) {
        Relation r = RelationParser.parse("Build-Depends", text)
                .get(0)
                .alternatives()
                .get(0);
        assertThat(r.appliesTo(arch, Set.of())).isEqualTo(applies);
    }

    @ParameterizedTest(name = "{0} with [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            foo <!nocheck>               | ''             | true
            foo <!nocheck>               | nocheck        | false
            foo <stage1>                 | ''             | false
            foo <stage1>                 | stage1         | true
            foo <!stage1 !nocheck>       | nocheck        | false
            foo <!stage1 !nocheck> <cross> | nocheck cross | true
            foo <!stage1 !nocheck> <cross> | stage1        | false
            """)
    void evaluatesBuildProfiles(String text, String active, boolean applies) {
        Relation r = RelationParser.parse("Build-Depends", text)
                .get(0)
                .alternatives()
                .get(0);
        Set<String> profiles = active.isBlank() ? Set.of() : Set.of(active.split(" "));
        assertThat(r.appliesTo("amd64", profiles)).isEqualTo(applies);
    }

    @Test
    void dropsAlternativesThatDoNotApply() {
        RelationGroup g = RelationParser.parse("Build-Depends", "libfoo-dev [amd64] | libbar-dev <!nocheck>")
                .get(0);
        assertThat(g.applicable("riscv64", Set.of())).extracting(Relation::name).containsExactly("libbar-dev");
        assertThat(g.applicable("riscv64", Set.of("nocheck"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'a (>= 1.0'         | matching ')'
            'a >= 1.0'          | expected NAME
            'a (~ 1.0)'         | operator
            'Foo'               | package name
            'a | | b'           | empty
            'a (>= x.y)'        | not a valid Debian version
            'a [amd64'          | matching ']'
            'a (>= 1) (<< 2)'   | only one
            'a <>'              | '<>' is empty
            """)
    void rejectsMalformedFieldsNamingTheText(String text, String hint) {
        assertThatThrownBy(() -> RelationParser.parse("Depends", text))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("The Depends field '" + text + "' is malformed")
                .hasMessageContaining(hint);
    }

    @Test
    void rejectsAlternativesWhereTheFieldForbidsThem() {
        assertThatThrownBy(() -> RelationParser.parseWithoutAlternatives("Conflicts", "a | b"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("does not allow alternatives");
    }
}

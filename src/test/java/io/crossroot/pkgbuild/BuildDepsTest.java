package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuildDepsTest {
    private static Paragraph dsc(String name) {
        return DscFile.read(PkgFixtures.path(name));
    }

    @Test
    void helloNeedsDebhelperAndTexinfo() {
        BuildDeps deps = BuildDeps.of(dsc("hello_2.12.3-1.dsc"), "riscv64", Set.of());
        assertThat(deps.asIncludes()).containsExactly("debhelper-compat (= 13)", "texinfo");
    }

    @Test
    void debianControlSourceStanzaGivesTheSameDeps() throws IOException {
        Paragraph control = Deb822.parseAll(
                        Files.readString(PkgFixtures.path("hello-2.12.3-1.debian-control")), "control")
                .get(0);
        assertThat(BuildDeps.of(control, "arm64", Set.of()).asIncludes())
                .isEqualTo(BuildDeps.of(dsc("hello_2.12.3-1.dsc"), "arm64", Set.of())
                        .asIncludes());
    }

    @Test
    void bashBinaryArchBuildSkipsIndepDepsAndHonoursNocheck() {
        Paragraph bash = dsc("bash_5.2.37-2.dsc");
        BuildDeps full = BuildDeps.of(bash, "riscv64", Set.of());
        assertThat(full.asIncludes())
                .contains("autoconf", "bison", "texinfo", "debhelper (>= 11)", "locales", "time")
                .noneMatch(d -> d.startsWith("texlive") || d.startsWith("ghostscript"));
        BuildDeps nocheck = BuildDeps.of(bash, "riscv64", Set.of("nocheck"));
        assertThat(nocheck.asIncludes()).doesNotContain("locales", "time").contains("xz-utils");
    }

    @Test
    void utilLinuxEvaluatesArchAndProfileRestrictions() {
        Paragraph ul = dsc("util-linux_2.41.5-0+deb13u1.dsc");
        BuildDeps linux = BuildDeps.of(ul, "riscv64", Set.of());
        // [linux-any] applies on riscv64; restrictions are evaluated, not passed on to the resolver
        assertThat(linux.asIncludes())
                .contains("libaudit-dev", "libselinux1-dev", "systemd", "asciidoctor", "bc")
                .noneMatch(d -> d.contains("[") || d.contains("<"));
        BuildDeps stage1 = BuildDeps.of(ul, "riscv64", Set.of("stage1", "nodoc", "nocheck"));
        assertThat(stage1.asIncludes())
                .doesNotContain("libaudit-dev", "asciidoctor", "bc", "systemd", "socat")
                .contains("libselinux1-dev", "bison", "zlib1g-dev");
        BuildDeps hurd = BuildDeps.of(ul, "hurd-amd64", Set.of());
        assertThat(hurd.asIncludes())
                .doesNotContain("libaudit-dev", "libselinux1-dev")
                .contains("libreadline-dev");
    }

    @Test
    void negatedArchListsAndAlternativesReducePerAlternative() {
        Paragraph p = Paragraph.builder(1)
                .put("Source", "x")
                .put("Build-Depends", "gcc-14 [!riscv64] | clang [riscv64], libseccomp-dev [amd64 arm64], make")
                .put("Build-Depends-Arch", "nasm [amd64]")
                .put("Build-Depends-Indep", "doxygen")
                .build();
        assertThat(BuildDeps.of(p, "riscv64", Set.of()).asIncludes()).containsExactly("clang", "make");
        assertThat(BuildDeps.of(p, "amd64", Set.of()).asIncludes())
                .containsExactly("gcc-14", "libseccomp-dev", "make", "nasm");
    }
}

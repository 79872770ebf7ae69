package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tier's own rules: one entry per program, each with a reason, and none of the programs kept emulated. */
class NativeTierTest {
    /** Package names of trixie's riscv64 toolchain, as a build root has them. */
    private static final List<String> TRIXIE_TOOLCHAIN = List.of(
            "binutils-riscv64-linux-gnu",
            "cpp-14-riscv64-linux-gnu",
            "gcc-14-riscv64-linux-gnu",
            "libgmp10",
            "libisl23",
            "libmpc3",
            "libmpfr6",
            "libc6");

    private static List<String> names() {
        return NativeTier.all(TRIXIE_TOOLCHAIN).stream()
                .map(t -> Path.of(t.path()).getFileName().toString())
                .toList();
    }

    @Test
    void everyTwinIsListedOnceWithAReason() {
        assertThat(names()).doesNotHaveDuplicates();
        assertThat(NativeTier.all(TRIXIE_TOOLCHAIN)).allSatisfy(t -> {
            assertThat(t.reason()).isNotBlank();
            assertThat(t.path()).startsWith("usr/bin/");
        });
    }

    @Test
    void theMachineProbesAndTheProgramsWithABuiltInArchitectureStayEmulated() {
        assertThat(names()).doesNotContainAnyElementsOf(NativeTier.EMULATED.keySet());
        assertThat(NativeTier.EMULATED)
                .containsKeys("uname", "arch", "nproc", "dpkg", "perl", "bash")
                .allSatisfy((name, why) -> assertThat(why).isNotBlank());
    }

    @Test
    void aTwinsVersionCheckCoversTheLibrariesThatShapeItsOutput() {
        NativeTier.Twin dpkgDeb = NativeTier.all(TRIXIE_TOOLCHAIN).stream()
                .filter(t -> t.path().equals("usr/bin/dpkg-deb"))
                .findFirst()
                .orElseThrow();
        assertThat(dpkgDeb.packages()).containsExactly("dpkg", "liblzma5", "libzstd1", "zlib1g");
    }

    @Test
    void theAssemblerOfTheRootsTripletIsATwin() {
        assertThat(names()).contains("riscv64-linux-gnu-as").doesNotContain("riscv64-linux-gnu-ld");
    }

    @Test
    void theTargetsCc1IsTheCrossCc1OfTheSameGccPointedAtTheTargetsGccDirectory() {
        assertThat(NativeTier.compilers(TRIXIE_TOOLCHAIN)).singleElement().satisfies(c -> {
            assertThat(c.path()).isEqualTo("usr/libexec/gcc/riscv64-linux-gnu/14/cc1");
            assertThat(c.hostPath()).isEqualTo("usr/libexec/gcc-cross/riscv64-linux-gnu/14/cc1");
            assertThat(c.packages())
                    .containsExactly("cpp-14-riscv64-linux-gnu", "libgmp10", "libisl23", "libmpc3", "libmpfr6");
            assertThat(c.arguments()).containsExactly("-iprefix", "/usr/lib/gcc/riscv64-linux-gnu/14/");
        });
        assertThat(NativeTier.compilers(List.of("libc6", "gcc-14-base"))).isEmpty();
    }

    @Test
    void aCrossBuildsVersionIsItsSourcesVersionWithCrossAppended() {
        assertThat(NativeTier.sourceVersion("14.2.0-19cross1")).isEqualTo("14.2.0-19");
        assertThat(NativeTier.sourceVersion("2.44-3")).isEqualTo("2.44-3");
        // a cross suffix in the middle is part of the version
        assertThat(NativeTier.sourceVersion("1.0cross1-2")).isEqualTo("1.0cross1-2");
    }

    @Test
    void theLinkerAndTheBinutilsThatLoadTheLtoPluginComeWithTheHostsPlugin() {
        assertThat(NativeTier.plugins(TRIXIE_TOOLCHAIN))
                .containsExactly(new NativeTier.PluginTwin(
                        "usr/libexec/gcc/riscv64-linux-gnu/14/liblto_plugin.so",
                        "usr/libexec/gcc-cross/riscv64-linux-gnu/14/liblto_plugin.so",
                        "gcc-14-riscv64-linux-gnu"));
        assertThat(NativeTier.bfdTwins(TRIXIE_TOOLCHAIN))
                .extracting(NativeTier.Twin::path)
                .contains("usr/bin/riscv64-linux-gnu-ld.bfd", "usr/bin/riscv64-linux-gnu-ar")
                .doesNotContain("usr/bin/riscv64-linux-gnu-as");
        assertThat(NativeTier.bfdTwins(TRIXIE_TOOLCHAIN))
                .allSatisfy(t -> assertThat(t.pkg()).isEqualTo("binutils-riscv64-linux-gnu"));
    }

    @Test
    void aScriptThatLoadsPerlsConfigStaysEmulatedButAutomakesOwnConfigDoesNot() {
        for (String reads :
                List.of("use Config;", "use Config qw(%Config);", "require Config;", "print Config::myconfig();")) {
            assertThat(NativeTier.READS_CONFIG
                            .matcher("#!/usr/bin/perl\n" + reads + "\n")
                            .find())
                    .as(reads)
                    .isTrue();
        }
        // aclocal and automake: their own module, and the word in a comment
        for (String neutral : List.of("use Automake::Config;", "# use path_sep from Config, if ever")) {
            assertThat(NativeTier.READS_CONFIG
                            .matcher("#!/usr/bin/perl\n" + neutral + "\n")
                            .find())
                    .as(neutral)
                    .isFalse();
        }
    }
}

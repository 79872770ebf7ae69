package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tier's own rules: one entry per program, each with a reason, and none of the programs kept emulated. */
class NativeTierTest {
    private static List<String> names() {
        return NativeTier.all().stream()
                .map(t -> Path.of(t.path()).getFileName().toString())
                .toList();
    }

    @Test
    void everyTwinIsListedOnceWithAReason() {
        assertThat(names()).doesNotHaveDuplicates();
        assertThat(NativeTier.all()).allSatisfy(t -> {
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
        NativeTier.Twin dpkgDeb = NativeTier.all().stream()
                .filter(t -> t.path().equals("usr/bin/dpkg-deb"))
                .findFirst()
                .orElseThrow();
        assertThat(dpkgDeb.packages()).containsExactly("dpkg", "liblzma5", "libzstd1", "zlib1g");
    }
}

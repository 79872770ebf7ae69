package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests fail before anything runs under emulation: exit 1, a message naming the problem, no output left. */
@Tag("rootfs")
class RootfsBadInputTest {
    @TempDir
    Path tmp;

    @Test
    void unknownPackage() {
        assertFailsCleanly("no package named no-such-package-xyz", "riscv64", "trixie", "no-such-package-xyz");
    }

    @Test
    void unknownSuite() {
        assertFailsCleanly("no-such-suite", "riscv64", "no-such-suite", null);
    }

    @Test
    void unknownArchitecture() {
        assertFailsCleanly("Unknown architecture 'vax'", "vax", "trixie", null);
    }

    @Test
    void unsatisfiableDependency() {
        // sysvinit-core and systemd-sysv both provide /sbin/init and conflict: no set has both
        assertFailsCleanly("sysvinit-core", "riscv64", "trixie", "systemd-sysv,sysvinit-core");
    }

    private void assertFailsCleanly(String expectedMessage, String arch, String suite, String include) {
        List<String> args = new ArrayList<>(List.of(
                "rootfs",
                "--arch",
                arch,
                "--suite",
                suite,
                "-o",
                tmp.resolve("root").toString()));
        if (include != null) {
            args.addAll(List.of("--include", include));
        }
        StringWriter err = new StringWriter();
        int code = Main.run(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args.toArray(String[]::new));

        assertThat(code).as(err.toString()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(err.toString()).contains(expectedMessage).doesNotContain("internal error");
        assertThat(tmp.toFile().list()).as("no OUT and no OUT.partial-* left").isEmpty();
    }
}

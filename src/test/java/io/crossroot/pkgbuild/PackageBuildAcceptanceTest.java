package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.cli.Main;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.sandbox.ChrootSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The long builds (bash: about 100 minutes under emulation on 2 cores): mvn -Pacceptance
 * -Dtest=PackageBuildAcceptanceTest. Profile nocheck only: bash's debian/rules cd's into bash-doc's examples,
 * which the nodoc profile leaves uncreated, so a nodoc build fails at install.
 */
@Tag("acceptance")
class PackageBuildAcceptanceTest {
    @TempDir
    Path out;

    @ParameterizedTest(name = "{0} {1} for {2}")
    @CsvSource({
        "bash,  trixie, riscv64",
        "bash,  trixie, arm64",
        "hello, sid,    arm64",
    })
    void buildsForTheTarget(String source, String suite, String arch) throws IOException {
        assumeTrue(ChrootSandbox.available(), "needs root and unshare");
        StringWriter err = new StringWriter();
        int rc = Main.run(
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                "pkg",
                "build",
                "--arch",
                arch,
                "--suite",
                suite,
                "--snapshot",
                source,
                "--profiles",
                "nocheck",
                "-o",
                out.toString());
        assertThat(rc).as(err.toString()).isZero();
        try (Stream<Path> s = Files.list(out)) {
            Path deb = s.filter(f -> f.getFileName().toString().matches(source + "_.*_" + arch + "\\.deb"))
                    .findFirst()
                    .orElseThrow();
            assertThat(DebFile.of(deb).control().get("Architecture")).isEqualTo(arch);
        }
    }
}

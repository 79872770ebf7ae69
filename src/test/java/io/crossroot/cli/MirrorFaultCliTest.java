package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.debian.Fixtures;
import io.crossroot.debian.LoopbackMirror;
import io.crossroot.debian.LoopbackMirror.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror fault seen from the command line: one paragraph naming the URL, exit 1, no stack trace, no output. */
class MirrorFaultCliTest {
    @TempDir
    Path tmp;

    @Test
    void aRedirectLoopEndsARootfsBuildWithOneParagraph() throws Exception {
        try (LoopbackMirror mirror = new LoopbackMirror()) {
            mirror.put("dists/trixie/InRelease", Fixtures.bytes("trixie-InRelease"))
                    .fail("dists/trixie/InRelease", Fault.REDIRECT_LOOP);
            Path out = tmp.resolve("root");
            CliRun r = CliRun.of(
                    "rootfs", "--arch", "riscv64", "--mirror", mirror.uri().toString(), "-o", out.toString());
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err())
                    .contains("crossroot: Downloading " + mirror.url("dists/trixie/InRelease"))
                    .contains("redirects in a loop")
                    .contains("--mirror URL")
                    .doesNotContain("\tat ")
                    .doesNotContain("Exception");
            assertThat(out).doesNotExist();
            assertThat(tmp).isEmptyDirectory();
        }
    }
}

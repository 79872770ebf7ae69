package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.qemu.EmulationSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console shows stages and the log holds the rest: real riscv64 builds of the small "essential" set, run as a
 * separate process whose stderr is a pipe (as in CI), so the plain one-line stage messages are what is counted.
 */
@Tag("rootfs")
class QuietConsoleTest {
    /** A build's console before its summary: stage lines, a handful of messages, no package output. */
    private static final int MAX_CONSOLE_LINES = 25;

    private static final String SCRIPT_OUTPUT = "update-alternatives: using /usr/bin/mawk to provide /usr/bin/awk";

    @BeforeAll
    static void emulation() {
        DebianRepository repo =
                DebianRepository.open(RepositoryConfig.builder().suite("trixie").build());
        EmulationSetup.ensure(repo, List.of(ArchCatalog.require("riscv64")), DownloadListener.NONE);
    }

    @Test
    void rootfsPrintsStagesAndLogsTheScriptOutputBesideTheOutput(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("root");
        Run r = crossroot("rootfs", "--arch", "riscv64", "--variant", "essential", "--fresh", "-o", out.toString());

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err.lines().count()).as(r.err).isLessThanOrEqualTo(MAX_CONSOLE_LINES);
        assertThat(r.err)
                .contains("configuring: ")
                .doesNotContain(SCRIPT_OUTPUT)
                .doesNotContain("unpacked 1/");
        Path log = tmp.resolve("root.log");
        assertThat(r.err).contains("log: " + log);
        assertThat(log)
                .content()
                .contains(SCRIPT_OUTPUT)
                .contains("unpacked 1/")
                .contains("sandbox: ");
        assertThat(out.resolve("crossroot.log")).doesNotExist(); // the root itself holds no log
    }

    @Test
    void verboseStreamsTheLogToTheConsole(@TempDir Path tmp) throws Exception {
        Run r = crossroot(
                "rootfs",
                "--arch",
                "riscv64",
                "--variant",
                "essential",
                "--fresh",
                "-v",
                "-o",
                tmp.resolve("root").toString());

        assertThat(r.code).as(r.err).isZero();
        assertThat(r.err).contains(SCRIPT_OUTPUT).contains("unpacked 1/");
        assertThat(tmp.resolve("root.log")).content().contains(SCRIPT_OUTPUT);
    }

    @Test
    void aFailedStepNamesTheLogAndQuotesItsLastLines(@TempDir Path tmp) throws Exception {
        Path recipe = Files.writeString(tmp.resolve("fail.yaml"), """
                suite: trixie
                variant: essential
                arches: [riscv64]
                run:
                  - "for i in $(seq 1 60); do echo step output $i; done; exit 3"
                tag: crossroot/fail:test
                """);
        Run r = crossroot(
                "image", "build", recipe.toString(), "-o", tmp.resolve("oci").toString());

        assertThat(r.code).as(r.err).isEqualTo(1);
        assertThat(r.err)
                .contains("exit code 3")
                .contains("  step output 41\n")
                .contains("  step output 60\n")
                .doesNotContain("step output 40\n")
                .doesNotContain("step output 1\n");
        Matcher named = Pattern.compile("The full log: (\\S+)").matcher(r.err);
        assertThat(named.find()).as(r.err).isTrue();
        Path log = Path.of(named.group(1));
        assertThat(log).content().contains("  step output 1\n").contains("  step output 60\n");
        assertThat(tmp.resolve("oci")).doesNotExist();
        assertThat(r.err).startsWith("log: " + log);
    }

    private record Run(int code, String err) {}

    /** Runs crossroot as its own process: its stderr is a pipe, not this JVM's. */
    private static Run crossroot(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(
                List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), err);
    }
}

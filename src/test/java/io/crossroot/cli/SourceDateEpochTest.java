package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SOURCE_DATE_EPOCH that is not a number is one clear error, before any work, from every command that reads it. */
class SourceDateEpochTest {
    @TempDir
    Path tmp;

    /** The environment variable can only be set for a new process: crossroot's Main in a JVM of its own. */
    private record Result(int exitCode, String err) {}

    private Result crossroot(String sourceDateEpoch, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.crossroot.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SOURCE_DATE_EPOCH", sourceDateEpoch);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), err);
    }

    @Test
    void imageBuildNamesTheVariable() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "box\n");
        Path out = tmp.resolve("out");
        Result r = crossroot(
                "yesterday",
                "image",
                "build",
                "--arch",
                "riscv64",
                "--rootfs",
                tree.getParent().toString(),
                "-o",
                out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970")
                .doesNotContain("Exception", "\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void diskBuildNamesTheVariable() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/etc"));
        Path layout = Files.writeString(
                tmp.resolve("layout.yaml"),
                "table: gpt\npartitions:\n  - {name: root, type: linux, filesystem: ext4, mountpoint: /}\n");
        Path out = tmp.resolve("disk.img");
        Result r = crossroot(
                "1.5e9",
                "disk",
                "build",
                "--rootfs",
                rootfs.getParent().toString(),
                "--layout",
                layout.toString(),
                "-o",
                out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("SOURCE_DATE_EPOCH='1.5e9' is not a number")
                .doesNotContain("Exception", "\tat ");
        assertThat(out).doesNotExist();
    }
}

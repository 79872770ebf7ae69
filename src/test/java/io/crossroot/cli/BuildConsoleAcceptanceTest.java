package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default `crossroot build` (without the boot check) shows its stages and the timing table, and leaves the
 * rest in OUT/crossroot.log. Long on a cold cache (the kernel's root), hence acceptance.
 */
@Tag("acceptance")
class BuildConsoleAcceptanceTest {
    @Test
    void buildPrintsStagesAndItsTableAndLogsTheRest(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "build",
                "--no-boot",
                "-o",
                out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String console = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(console).isZero();

        List<String> lines = console.lines().toList();
        int table = lines.indexOf(
                lines.stream().filter(l -> l.startsWith("STAGE")).findFirst().orElseThrow());
        assertThat(table).as(console).isLessThanOrEqualTo(25);
        assertThat(console)
                .contains("resolving: ", "image: ", "disk: ", "log:     " + out.resolve("crossroot.log"))
                .doesNotContain("update-alternatives:")
                .doesNotContain("update-initramfs:");
        // on a warm cache the configured root is reused and no script runs: the log holds what the console left out
        assertThat(out.resolve("crossroot.log")).content().contains("sandbox: ", "[", "rootfs");
    }
}

package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs that would destroy an input or the host are refused as usage errors before any work starts. */
class OutputRefusalCliTest {
    @TempDir
    Path tmp;

    @Test
    void aDiskImageInsideItsRootfsIsRefused() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/etc"));
        Path layout = Files.writeString(tmp.resolve("layout.yaml"), "table: gpt\n");
        CliRun r = CliRun.of(
                "disk",
                "build",
                "--rootfs",
                rootfs.getParent().toString(),
                "--layout",
                layout.toString(),
                "-o",
                rootfs.getParent().resolve("x.img").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err())
                .contains("lies inside the input --rootfs " + rootfs.getParent())
                .doesNotContain("\tat ");
        assertThat(rootfs.getParent().resolve("x.img")).doesNotExist();
    }

    @Test
    void anImageOverItsRootfsIsRefused() throws Exception {
        Path rootfs = Files.createDirectories(tmp.resolve("tree/bin"));
        Files.writeString(rootfs.resolve("sh"), "not really a shell\n");
        CliRun same = CliRun.of(
                "image",
                "build",
                "--arch",
                "riscv64",
                "--rootfs",
                rootfs.getParent().toString(),
                "-o",
                rootfs.getParent().toString());
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("is the same path as the input --rootfs");
        CliRun around = CliRun.of(
                "image",
                "build",
                "--arch",
                "riscv64",
                "--rootfs",
                rootfs.getParent().toString(),
                "-o",
                tmp.resolve("oci").toString(),
                "--docker-archive",
                tmp.resolve("oci/x.tar").toString());
        assertThat(around.exitCode()).isEqualTo(2);
        assertThat(around.err()).contains("--docker-archive").contains("lies inside the input -o");
        assertThat(rootfs.resolve("sh")).hasContent("not really a shell");
        assertThat(tmp.resolve("oci")).doesNotExist();
    }

    @Test
    void systemPathsAreRefusedWithoutAStackTrace() {
        for (String[] args : new String[][] {
            {"rootfs", "--arch", "riscv64", "-o", "/"},
            {"image", "build", "--arch", "riscv64", "-o", "/usr"},
            {"disk", "build", "--rootfs", "/nonexistent", "--layout", "l.yaml", "-o", "/boot"},
            {"build", "-o", "/etc"},
            {"pkg", "build", "--arch", "riscv64", "hello", "-o", "/var"}
        }) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .contains("system directory")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }
}

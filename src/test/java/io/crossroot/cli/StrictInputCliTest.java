package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid recipes and layouts stop a command before any work: every problem with its line, exit 2, no stack trace. */
class StrictInputCliTest {
    @TempDir
    Path tmp;

    private static void assertUsageError(CliRun r, String... lines) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains(lines).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void buildRecipeWithoutImageSectionOrWithDuplicateKeysStopsBeforeTheBuild() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("build.yaml"), """
                arch: riscv64
                suite: trixie
                variant: minbase
                hostname: box
                profile: direct-kernel
                layout: "partitions: [{name: root, mountpoint: /}]"
                boot: {expect: "login:", timeoutSeconds: 60}
                suite: bookworm
                """);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("build", recipe.toString(), "-o", out.toString());
        assertUsageError(
                r,
                recipe + " has 2 problems.",
                recipe + ":1: required key 'image' is missing",
                recipe + ":8: key 'suite' appears twice (first on line 2)");
        assertThat(out).doesNotExist();
    }

    @Test
    void imageRecipeWithUnknownKeyIsAUsageError() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("image.yaml"), "arches: [riscv64]\npackges: [hello]\n");
        Path out = tmp.resolve("oci");
        CliRun r = CliRun.of("image", "build", recipe.toString(), "-o", out.toString());
        assertUsageError(r, recipe + ":2: unknown key 'packges'");
        assertThat(out).doesNotExist();
    }

    @Test
    void diskLayoutWithWrongTypeIsAUsageError() throws IOException {
        Path layout = Files.writeString(tmp.resolve("layout.yaml"), "partitions:\n  - {name: root, bootable: 1}\n");
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path out = tmp.resolve("disk.img");
        CliRun r = CliRun.of(
                "disk", "build", "--rootfs", rootfs.toString(), "--layout", layout.toString(), "-o", out.toString());
        assertUsageError(r, layout + ":2: 'partitions[0].bootable' must be true or false, not 1");
        assertThat(out).doesNotExist();
    }

    @Test
    void genimageConfigWithUnknownOrUnsupportedOptionsIsAUsageError() throws IOException {
        Path cfg = Files.writeString(tmp.resolve("genimage.cfg"), """
                image disk.img {
                  hdimage { partition-table-type = "gpt" }
                  partition boot { image = "boot.bin"; offset = 1M; colour = "red" }
                  partition root { image = "root.bin"; autoresize = true }
                }
                """);
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        Path out = tmp.resolve("disk.img");
        CliRun r = CliRun.of(
                "disk", "build", "--rootfs", rootfs.toString(), "--layout", cfg.toString(), "-o", out.toString());
        assertUsageError(
                r,
                cfg + " has 2 problems.",
                cfg + ":3: unknown partition option 'colour'",
                cfg + ":4: genimage's partition option 'autoresize' is not supported by crossroot");
        assertThat(out).doesNotExist();
    }

    @Test
    void malformedYamlIsAUsageErrorWithItsLine() throws IOException {
        Path recipe = Files.writeString(tmp.resolve("image.yaml"), "arches: [riscv64\npackages: [hello]\n");
        CliRun r = CliRun.of(
                "image", "build", recipe.toString(), "-o", tmp.resolve("oci").toString());
        assertUsageError(r, recipe + ":2: not valid YAML");
    }
}

package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.oci.tree.LayerSource;
import io.crossroot.toolbox.TestToolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image and container commands' bad-input paths: one explaining paragraph, exit 2 for an invalid recipe. */
class ImageCommandTest {
    @TempDir
    Path tmp;

    @Test
    void invalidRecipeNamesLineAndField() throws Exception {
        Path recipe = Files.writeString(tmp.resolve("r.yaml"), "arches: [arm64]\ncmd: /bin/sh\n");
        CliRun r = CliRun.of(
                "image", "build", recipe.toString(), "-o", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains(recipe + ":2: 'cmd' must be a list, not the text '/bin/sh'");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void fileCapabilitiesComeThroughTheToolboxGetfattr() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/bin"));
        Path ping = Files.writeString(tree.resolve("ping"), "ping\n");
        Process setcap = new ProcessBuilder("setcap", "cap_net_raw+ep", ping.toString())
                .inheritIO()
                .start();
        assertThat(setcap.waitFor()).isZero();
        try (LayerSource source = LayerSource.of(tree.getParent(), TestToolbox.forImages())) {
            assertThat(source.entries())
                    .filteredOn(e -> e.name().equals("bin/ping"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.xattrs()).containsKey("security.capability"));
        }
    }

    @Test
    void unknownArchitectureIsRefused() {
        CliRun r = CliRun.of(
                "image", "build", "--arch", "vax", "-o", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Unknown architecture 'vax'");
    }

    @Test
    void withoutOutputOrLoadThereIsNothingToWrite() {
        CliRun r = CliRun.of("image", "build", "--arch", "arm64");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Give -o DIR").contains("--load");
        CliRun archiveOnly = CliRun.of("image", "build", "--arch", "arm64", "--load", "--docker-archive", "x.tar");
        assertThat(archiveOnly.exitCode()).isEqualTo(2);
    }

    @Test
    void severalRootfsTreesNeedTheirArchitectures() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        CliRun unnamed = CliRun.of(
                "image",
                "build",
                "--rootfs",
                a.toString(),
                "--rootfs",
                "arm64=" + b,
                "-o",
                tmp.resolve("out").toString());
        assertThat(unnamed.exitCode()).isEqualTo(1);
        assertThat(unnamed.err()).contains("give each as ARCH=PATH");
        CliRun twice = CliRun.of(
                "image",
                "build",
                "--rootfs",
                "arm64=" + a,
                "--rootfs",
                "arm64=" + b,
                "-o",
                tmp.resolve("out").toString());
        assertThat(twice.err()).contains("names arm64 twice");
        CliRun notAsked = CliRun.of(
                "image",
                "build",
                "--arch",
                "riscv64",
                "--rootfs",
                "riscv64=" + a,
                "--rootfs",
                "arm64=" + b,
                "-o",
                tmp.resolve("out").toString());
        assertThat(notAsked.exitCode()).isEqualTo(1);
        assertThat(notAsked.err()).contains("--rootfs arm64=" + b + " is for an architecture --arch does not name");
        CliRun loneWithTwoArches = CliRun.of(
                "image",
                "build",
                "--arch",
                "riscv64,arm64",
                "--rootfs",
                a.toString(),
                "-o",
                tmp.resolve("out").toString());
        assertThat(loneWithTwoArches.err()).contains("give exactly one --arch");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aLoneRootfsTreeIsForTheRecipesOneArchitecture() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "lone\n");
        Path recipe = Files.writeString(tmp.resolve("r.yaml"), "arches: [riscv64]\n");
        CliRun r = CliRun.of(
                "image",
                "build",
                recipe.toString(),
                "--rootfs",
                tree.getParent().toString(),
                "--tag",
                "lone:1",
                "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("linux/riscv64");
    }

    @Test
    void namedRootfsTreesBecomeOnePlatformEach() throws Exception {
        for (String arch : java.util.List.of("riscv64", "arm64")) {
            Path tree = Files.createDirectories(tmp.resolve(arch + "/etc"));
            Files.writeString(tree.resolve("hostname"), arch + "\n");
        }
        CliRun r = CliRun.of(
                "image",
                "build",
                "--rootfs",
                "riscv64=" + tmp.resolve("riscv64"),
                "--rootfs",
                "arm64=" + tmp.resolve("arm64"),
                "--tag",
                "two:1",
                "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("linux/riscv64").contains("linux/arm64/v8");

        CliRun asJson = CliRun.of(
                "image",
                "build",
                "--rootfs",
                "riscv64=" + tmp.resolve("riscv64"),
                "--rootfs",
                "arm64=" + tmp.resolve("arm64"),
                "--tag",
                "two:1",
                "-o",
                tmp.resolve("out").toString(),
                "--json");
        assertThat(asJson.exitCode()).as(asJson.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode n =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(asJson.out());
        assertThat(n.path("reference").asText()).isEqualTo("two:1");
        assertThat(n.path("platforms")).hasSize(2);
        assertThat(n.path("platforms").path(1).path("platform").asText()).isEqualTo("linux/arm64/v8");
        assertThat(n.path("digest").asText()).startsWith("sha256:"); // same trees, same epoch rule: same index
        assertThat(r.out()).contains(n.path("digest").asText());
    }

    @Test
    void missingEngineSaysHowToStartOne() {
        // A directory is not a socket: the same failure as an engine that is not running.
        CliRun r = CliRun.of("image", "load", tmp.toString());
        if (r.exitCode() == 1 && r.err().contains("No container engine")) {
            assertThat(r.err()).contains("dockerd");
        } else {
            assertThat(r.err()).contains("not an OCI image layout"); // an engine runs here
        }
    }
}

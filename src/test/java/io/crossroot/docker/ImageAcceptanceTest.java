package io.crossroot.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.cli.Main;
import io.crossroot.debian.DownloadListener;
import io.crossroot.docker.http.EngineSocket;
import io.crossroot.oci.ImageReference;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.testing.BusyboxImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped three-architecture recipe end to end: 'crossroot image build examples/debian-trixie.yaml' bootstraps
 * riscv64, arm64 and amd64 minbase (minutes under emulation), the layout's index lists the three platforms under
 * one tag, and each loads into Docker and prints its own machine. Run with -Dgroups=acceptance.
 */
@Tag("acceptance")
class ImageAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "crossroot-acceptance/debian:trixie";
    private static final Map<String, String> MACHINES =
            Map.of("riscv64", "riscv64", "arm64", "aarch64", "amd64", "x86_64");

    @TempDir
    Path tmp;

    final List<String> loaded = new ArrayList<>();

    @AfterEach
    void removeImages() throws Exception {
        DockerClient docker = new DockerClient(EngineSocket.locate());
        for (String n : loaded) {
            docker.removeImage(n);
        }
    }

    @Test
    void threeArchitectureRecipeBuildsOneTagAndEachPlatformRunsItsOwnMachine() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "bootstrapping and binfmt_misc need root");
        DockerClient docker = DockerClient.connect();
        EmulationSetup.ensure(
                BusyboxImage.repository(),
                List.of(ArchCatalog.require("riscv64"), ArchCatalog.require("arm64")),
                DownloadListener.NONE);
        Path layout = tmp.resolve("trixie");
        int code = Main.run(
                "image",
                "build",
                Path.of("examples/debian-trixie.yaml").toString(),
                "--tag",
                TAG,
                "-o",
                layout.toString());
        assertThat(code).isZero();

        JsonNode top = JSON.readTree(Files.readString(layout.resolve("index.json")))
                .get("manifests")
                .get(0);
        assertThat(top.path("annotations").path("io.containerd.image.name").asText())
                .isEqualTo(TAG);
        JsonNode index = JSON.readTree(
                layout.resolve("blobs/sha256/" + top.get("digest").asText().substring(7))
                        .toFile());
        List<String> platforms = new ArrayList<>();
        index.get("manifests").forEach(m -> {
            JsonNode p = m.path("platform");
            String variant = p.path("variant").asText("");
            platforms.add(p.path("os").asText() + "/" + p.path("architecture").asText()
                    + (variant.isEmpty() ? "" : "/" + variant));
        });
        assertThat(platforms).containsExactlyInAnyOrder("linux/amd64", "linux/arm64/v8", "linux/riscv64");

        loaded.addAll(new ImageLoader(docker).load(layout, null));
        assertThat(loaded).containsExactlyInAnyOrder(TAG + "-riscv64", TAG + "-arm64", TAG + "-amd64");
        ContainerRunner runner = new ContainerRunner(docker, BinfmtMisc.system());
        for (Map.Entry<String, String> e : MACHINES.entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = runner.run(
                    ArchCatalog.require(e.getKey()),
                    ImageReference.parse(TAG)
                            .forArch(ArchCatalog.require(e.getKey()))
                            .toString(),
                    List.of("uname", "-m"),
                    out,
                    new ByteArrayOutputStream());
            assertThat(exit).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(e.getKey()).isEqualTo(e.getValue() + "\n");
        }
    }
}

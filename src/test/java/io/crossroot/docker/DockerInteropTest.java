package io.crossroot.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.docker.http.EngineSocket;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.DockerArchive;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.LayerCompression;
import io.crossroot.oci.OciImageWriter;
import io.crossroot.oci.OciLayout;
import io.crossroot.oci.WrittenImage;
import io.crossroot.qemu.ProbeBinaries;
import io.crossroot.sandbox.DockerSandbox;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.testing.BusyboxImage;
import io.crossroot.toolbox.TestToolbox;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.Dirs;
import io.crossroot.util.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * crossroot's images in the real tools: Docker (load, inspect, run under binfmt), skopeo and umoci. Needs root,
 * a running engine on /var/run/docker.sock, the host's mirror, skopeo and umoci.
 */
@Tag("docker")
@Tag("mirror")
class DockerInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = "crossroot-test/busybox:1";
    private static final List<String> ARCHES = List.of("riscv64", "arm64", "armhf");
    private static final String STREAMED = "crossroot-test/streamed:3";
    private static final String PER_ARCH = "crossroot-test/per-arch:4";
    private static final ImageConfig CONFIG =
            new ImageConfig(List.of("GREETING=hello"), List.of("/bin/uname", "-m"), "/", Map.of());
    private static final BuildOptions OPTIONS = new BuildOptions(LayerCompression.GZIP, OptionalLong.of(0));

    @TempDir
    static Path tmp;

    static WrittenImage image;
    static Path archive;
    static DockerClient docker;

    @BeforeAll
    static void buildImage() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "binfmt_misc and mknod need root");
        docker = new DockerClient(EngineSocket.locate());
        docker.ping(); // fails with how to start dockerd: CI must have one
        DebianRepository repo = BusyboxImage.repository();
        Map<Arch, Path> roots = new LinkedHashMap<>();
        for (String a : ARCHES) {
            Arch arch = ArchCatalog.require(a);
            roots.put(arch, BusyboxImage.rootfs(repo, arch, tmp.resolve("root-" + a)));
        }
        BusyboxImage.ensureBinfmt(repo, List.copyOf(roots.keySet()));
        image = new OciImageWriter(CONFIG, OPTIONS, TestToolbox.forImages())
                .write(roots, ImageReference.parse(NAME), tmp.resolve("layout"));
        archive = tmp.resolve("busybox.tar");
        try (OciLayout layout = OciLayout.open(image.layout());
                AtomicOutput o = AtomicOutput.open(archive)) {
            DockerArchive.write(layout, null, o.stream());
            o.commit();
        }
    }

    @AfterAll
    static void removeImages() throws IOException {
        if (docker != null) {
            for (String a : ARCHES) {
                docker.removeImage(NAME + "-" + a);
                docker.removeImage("crossroot-test/api:2-" + a);
                docker.removeImage(STREAMED + "-" + a);
                docker.removeImage(PER_ARCH + "-" + a);
            }
            docker.removeImage(PER_ARCH);
        }
    }

    @Test
    void dockerLoadThenDockerRunPrintsTheTargetMachine() throws Exception {
        assertThat(sh("docker", "load", "-i", archive.toString())).contains("Loaded image: " + NAME + "-riscv64");
        Map<String, String> expected = Map.of("riscv64", "riscv64", "arm64", "aarch64", "armhf", "armv7l");
        for (String a : ARCHES) {
            // the last line: docker warns first that the platform differs from the host's
            assertThat(sh("docker", "run", "--rm", NAME + "-" + a).strip()).endsWith("\n" + expected.get(a));
        }
    }

    @Test
    void dockerInspectShowsArchitectureAndVariant() throws Exception {
        sh("docker", "load", "-i", archive.toString());
        assertThat(sh(
                                "docker",
                                "image",
                                "inspect",
                                "--format",
                                "{{.Os}}/{{.Architecture}}/{{.Variant}}",
                                NAME + "-arm64")
                        .strip())
                .isEqualTo("linux/arm64/v8");
        assertThat(sh(
                                "docker",
                                "image",
                                "inspect",
                                "--format",
                                "{{.Os}}/{{.Architecture}}/{{.Variant}}",
                                NAME + "-armhf")
                        .strip())
                .isEqualTo("linux/arm/v7");
    }

    @Test
    void apiLoadAndRunStreamOutputAndLeaveNoContainer() throws Exception {
        List<String> loaded =
                new ImageLoader(docker).load(image.layout(), ImageReference.parse("crossroot-test/api:2"));
        assertThat(loaded)
                .contains("crossroot-test/api:2-riscv64", "crossroot-test/api:2-arm64", "crossroot-test/api:2-armhf");
        ContainerRunner runner = new ContainerRunner(docker, BinfmtMisc.system());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runner.run(
                ArchCatalog.require("riscv64"),
                "crossroot-test/api:2-riscv64",
                List.of("/bin/sh", "-c", "uname -m; echo $GREETING >&2; exit 3"),
                out,
                err);
        assertThat(code).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("riscv64\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(docker.containersOf("crossroot-test/api:2-riscv64")).isEmpty();

        assertThatThrownBy(() ->
                        runner.run(ArchCatalog.require("riscv64"), "crossroot-test/api:2-arm64", List.of(), out, err))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is linux/arm64/v8, not linux/riscv64");
    }

    @Test
    void containerRunTakesTheMultiPlatformNameAndRunsThatArchitecturesTag() throws Exception {
        new ImageLoader(docker)
                .load(image.layout(), ImageReference.parse(PER_ARCH)); // PER_ARCH-riscv64, -arm64, -armhf
        ContainerRunner runner = new ContainerRunner(docker, BinfmtMisc.system());
        assertThat(docker.inspectImage(PER_ARCH)).isEmpty();
        assertThat(machineIn(runner, "riscv64", PER_ARCH)).isEqualTo("riscv64\n");
        // NAME:TAG of another platform (e.g. 'docker tag' or a one-platform load) does not hide the others
        sh("docker", "tag", PER_ARCH + "-arm64", PER_ARCH);
        assertThat(machineIn(runner, "riscv64", PER_ARCH)).isEqualTo("riscv64\n");
        assertThat(machineIn(runner, "arm64", PER_ARCH)).isEqualTo("aarch64\n");
        assertThat(docker.containersOf(PER_ARCH + "-riscv64")).isEmpty();

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThatThrownBy(() -> runner.run(ArchCatalog.require("s390x"), PER_ARCH, List.of(), sink, sink))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("is linux/arm64/v8, not linux/s390x")
                .hasMessageContaining("the engine has no " + PER_ARCH + "-s390x");
        assertThatThrownBy(() ->
                        runner.run(ArchCatalog.require("riscv64"), "crossroot-test/absent:1", List.of(), sink, sink))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no image 'crossroot-test/absent:1' nor crossroot-test/absent:1-riscv64");
    }

    private static String machineIn(ContainerRunner runner, String arch, String image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = runner.run(ArchCatalog.require(arch), image, List.of("/bin/uname", "-m"), out, err);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void treesStreamedStraightToTheEngineGiveTheLayoutsImages() throws Exception {
        Map<Arch, Path> roots = new LinkedHashMap<>();
        ARCHES.forEach(a -> roots.put(ArchCatalog.require(a), tmp.resolve("root-" + a)));
        String dangling = sh("docker", "images", "-q", "--filter", "dangling=true");
        LoadedImage loaded = new ImageLoader(docker)
                .loadTrees(roots, TestToolbox.forImages(), CONFIG, OPTIONS, ImageReference.parse(STREAMED));
        assertThat(loaded.names()).containsExactly(STREAMED + "-riscv64", STREAMED + "-arm64", STREAMED + "-armhf");
        assertThat(loaded.timings()).containsKeys("import", "config", "total");
        // the layers went in by import: its placeholder images are gone again
        assertThat(sh("docker", "images", "-q", "--filter", "dangling=true")).isEqualTo(dangling);
        for (int i = 0; i < ARCHES.size(); i++) {
            // Same config bytes as the gzip layout's (diff ids are of the uncompressed tar): same image id.
            assertThat(docker.inspectImage(STREAMED + "-" + ARCHES.get(i))
                            .orElseThrow()
                            .id())
                    .isEqualTo(image.images().get(i).config().digest().toString());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = new ContainerRunner(docker, BinfmtMisc.system())
                .run(ArchCatalog.require("arm64"), STREAMED + "-arm64", List.of(), out, new ByteArrayOutputStream());
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("aarch64\n");
    }

    @Test
    void dockerSandboxRunsForeignCommandsInARootAndRemovesItsContainer() throws Exception {
        Path busybox = new ProbeBinaries(BusyboxImage.repository(), Dirs.cache(), DownloadListener.NONE)
                .busybox(ArchCatalog.host());
        Sandbox sandbox = new DockerSandbox(docker, busybox, TestToolbox::forImages);
        List<String> lines = new java.util.ArrayList<>();
        Sandbox.ExecResult r = sandbox.exec(
                tmp.resolve("root-riscv64"),
                List.of("/bin/sh", "-c", "uname -m; echo $A; ls /proc/self/ >/dev/null && echo proc; exit 4"),
                Map.of("A", "from the caller", "PATH", "/bin"),
                lines::add);
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(lines).containsExactly("riscv64", "from the caller", "proc");
        assertThat(sh("docker", "ps", "-a", "--format", "{{.Image}}")).doesNotContain("crossroot/sandbox");
    }

    @Test
    void skopeoResolvesTheIndexPerPlatform() throws Exception {
        String ref = "oci:" + image.layout() + ":1";
        for (String[] p :
                List.of(new String[] {"arm64", "v8", "arm64"}, new String[] {"arm", "v7", "arm"}, new String[] {
                    "riscv64", "", "riscv64"
                })) {
            List<String> cmd = new java.util.ArrayList<>(
                    List.of("skopeo", "inspect", "--override-os", "linux", "--override-arch", p[0]));
            if (!p[1].isEmpty()) {
                cmd.addAll(List.of("--override-variant", p[1]));
            }
            cmd.add(ref);
            JsonNode n = JSON.readTree(sh(cmd.toArray(String[]::new)));
            assertThat(n.get("Architecture").asText()).isEqualTo(p[2]);
        }
        JsonNode raw = JSON.readTree(sh("skopeo", "inspect", "--raw", ref));
        assertThat(raw.get("manifests")).hasSize(3);
        JsonNode fromArchive =
                JSON.readTree(sh("skopeo", "inspect", "--override-arch", "riscv64", "oci-archive:" + archive + ":1"));
        assertThat(fromArchive.get("Architecture").asText()).isEqualTo("riscv64");
    }

    @Test
    void umociUnpacksASinglePlatformLayout() throws Exception {
        Arch arm64 = ArchCatalog.require("arm64");
        WrittenImage single = new OciImageWriter(
                        ImageConfig.defaults(),
                        new BuildOptions(LayerCompression.GZIP, OptionalLong.of(0)),
                        TestToolbox.forImages())
                .write(
                        Map.of(arm64, tmp.resolve("root-arm64")),
                        ImageReference.parse("single:1"),
                        tmp.resolve("single"));
        Path bundle = tmp.resolve("bundle");
        sh("umoci", "unpack", "--image", single.layout() + ":1", bundle.toString());
        assertThat(Files.isSymbolicLink(bundle.resolve("rootfs/bin/sh"))).isTrue();
        assertThat(Files.readString(bundle.resolve("rootfs/etc/passwd"))).startsWith("root:x:0:0");
        assertThat(Files.readString(bundle.resolve("config.json"))).contains("\"/bin/sh\"");
    }

    static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }
}

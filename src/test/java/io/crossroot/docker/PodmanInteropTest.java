package io.crossroot.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.debian.DebianRepository;
import io.crossroot.docker.http.EngineSocket;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.LayerCompression;
import io.crossroot.oci.OciImageWriter;
import io.crossroot.oci.WrittenImage;
import io.crossroot.testing.BusyboxImage;
import io.crossroot.toolbox.TestToolbox;
import java.nio.charset.StandardCharsets;
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
 * The same loader code against Podman's Docker-compatible API (the socket of 'podman system service', which
 * .ci/run starts): trees streamed in and an OCI layout loaded, then run by podman itself under binfmt. Podman also
 * holds the multi-platform image under its one name, as a manifest list of the platform images.
 */
@Tag("docker")
@Tag("mirror")
class PodmanInteropTest {
    private static final Path SOCKET = Path.of("/run/podman/podman.sock");
    private static final List<String> ARCHES = List.of("riscv64", "arm64");
    private static final ImageConfig CONFIG = new ImageConfig(List.of(), List.of("/bin/uname", "-m"), "/", Map.of());

    @TempDir
    static Path tmp;

    static DockerClient podman;
    static Map<Arch, Path> roots = new LinkedHashMap<>();

    @BeforeAll
    static void roots() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "binfmt_misc needs root");
        podman = new DockerClient(new EngineSocket(SOCKET));
        podman.ping(); // fails with how to start the service
        assertThat(podman.version()).contains("Podman");
        DebianRepository repo = BusyboxImage.repository();
        for (String a : ARCHES) {
            Arch arch = ArchCatalog.require(a);
            roots.put(arch, BusyboxImage.rootfs(repo, arch, tmp.resolve("root-" + a)));
        }
        BusyboxImage.ensureBinfmt(repo, List.copyOf(roots.keySet()));
    }

    @AfterAll
    static void removeImages() throws Exception {
        if (podman != null) {
            for (String a : ARCHES) {
                podman.removeImage("crossroot-test/podman-trees:1-" + a);
                podman.removeImage("crossroot-test/podman-layout:1-" + a);
            }
            for (String list : List.of("crossroot-test/podman-trees:1", "crossroot-test/podman-layout:1")) {
                new ProcessBuilder("podman", "manifest", "rm", list)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor();
            }
        }
    }

    @Test
    void treesStreamedIntoPodmanRunAsTheirArchitecture() throws Exception {
        List<String> loaded = new ImageLoader(podman)
                .loadTrees(
                        roots,
                        TestToolbox.forImages(),
                        CONFIG,
                        new BuildOptions(LayerCompression.NONE, OptionalLong.of(0)),
                        ImageReference.parse("crossroot-test/podman-trees:1"))
                .names();
        assertThat(loaded).hasSize(3).last().isEqualTo("localhost/crossroot-test/podman-trees:1");
        assertThat(loaded.subList(0, 2)).allMatch(n -> n.contains("crossroot-test/podman-trees:1-"));
        assertThat(run("crossroot-test/podman-trees:1-riscv64")).endsWith("riscv64");
        assertThat(run("crossroot-test/podman-trees:1-arm64")).endsWith("aarch64");
        assertThat(sh(
                                "podman",
                                "image",
                                "inspect",
                                "--format",
                                "{{.Os}}/{{.Architecture}}",
                                "crossroot-test/podman-trees:1-arm64")
                        .strip())
                .isEqualTo("linux/arm64");
    }

    @Test
    void ociLayoutLoadsIntoPodman() throws Exception {
        WrittenImage image = new OciImageWriter(
                        CONFIG, new BuildOptions(LayerCompression.GZIP, OptionalLong.of(0)), TestToolbox.forImages())
                .write(roots, ImageReference.parse("crossroot-test/podman-layout:1"), tmp.resolve("layout"));
        List<String> loaded = new ImageLoader(podman).load(image.layout(), null);
        assertThat(loaded).hasSize(3);
        assertThat(run("crossroot-test/podman-layout:1-riscv64")).endsWith("riscv64");
        // loading again replaces the list of that name
        assertThat(new ImageLoader(podman).load(image.layout(), null)).isEqualTo(loaded);
        assertThat(platformsOfList("crossroot-test/podman-layout:1"))
                .containsExactly(
                        "linux/riscv64 " + digestOf("crossroot-test/podman-layout:1-riscv64"),
                        "linux/arm64/v8 " + digestOf("crossroot-test/podman-layout:1-arm64"));
    }

    @Test
    void containerRunTakesTheListsNameForEachArchitecture() throws Exception {
        String name = "crossroot-test/podman-trees:1";
        new ImageLoader(podman)
                .loadTrees(
                        roots,
                        TestToolbox.forImages(),
                        CONFIG,
                        new BuildOptions(LayerCompression.NONE, OptionalLong.of(0)),
                        ImageReference.parse(name));
        assertThat(platformsOfList(name)).hasSize(2);
        ContainerRunner runner = new ContainerRunner(podman, BinfmtMisc.system());
        // what 'container run' starts; run by podman itself with the limits this machine allows (see run)
        String riscv64 = runner.imageFor(ArchCatalog.require("riscv64"), name);
        assertThat(riscv64).isEqualTo(name + "-riscv64");
        assertThat(run(riscv64)).endsWith("riscv64");
        assertThat(runner.imageFor(ArchCatalog.require("arm64"), name)).isEqualTo(name + "-arm64");
    }

    /** "os/arch[/variant] digest" of each image in the manifest list {@code name}, as podman shows it. */
    private static List<String> platformsOfList(String name) throws Exception {
        JsonNode list = new ObjectMapper().readTree(sh("podman", "manifest", "inspect", name));
        List<String> platforms = new java.util.ArrayList<>();
        for (JsonNode m : list.path("manifests")) {
            JsonNode p = m.path("platform");
            platforms.add(p.path("os").asText() + "/" + p.path("architecture").asText()
                    + (p.path("variant").asText().isEmpty()
                            ? ""
                            : "/" + p.path("variant").asText()) + " "
                    + m.path("digest").asText());
        }
        return platforms;
    }

    private static String digestOf(String image) throws Exception {
        return sh("podman", "image", "inspect", "--format", "{{.Digest}}", image)
                .strip();
    }

    /** podman run, with limits this machine's kernel lets a container set (podman's defaults exceed them). */
    private static String run(String image) throws Exception {
        return sh(
                        "podman",
                        "run",
                        "--rm",
                        "--network=none",
                        "--ulimit",
                        "nofile=1024:1024",
                        "--ulimit",
                        "nproc=1024:1024",
                        image)
                .strip();
    }

    private static String sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ":\n" + out).isZero();
        return out;
    }
}

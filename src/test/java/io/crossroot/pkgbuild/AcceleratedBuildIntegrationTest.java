package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.cli.Main;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.sandbox.ChrootSandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity of accelerated builds: a small real debhelper package (fixtures/pkgbuild/accel-probe, hello's
 * build-dependencies and python3) built for riscv64 with native twins and with --no-accel gives
 * the same .deb bytes, and the probes a configure step makes saw the target in both.
 */
@Tag("pkgbuild")
class AcceleratedBuildIntegrationTest {
    @TempDir
    Path out;

    @BeforeAll
    static void needsRootAndEmulation() {
        assumeTrue(ChrootSandbox.available(), "needs root and unshare");
        EmulationSetup.ensure(
                DebianRepository.open(RepositoryConfig.builder().suite("trixie").build()),
                List.of(ArchCatalog.require("riscv64")),
                DownloadListener.NONE);
    }

    @Test
    void anAcceleratedBuildGivesTheSamePackageAsAnEmulatedOneAndItsProbesSeeTheTarget() throws IOException {
        Path tree = PkgFixtures.probeTree(out.resolve("crossroot-accel-probe-1.0"));

        String accelLog = build(tree, out.resolve("accel"));
        assertThat(accelLog)
                .containsPattern("accel: native \\(the host's build of the same version\\): dash make sed .*\\bcp\\b")
                .contains("emulated whatever their package: arch bash")
                // trixie's gcc-14 and binutils have cross builds of exactly their versions on amd64
                .contains("accel: native (the host's cross build of the same source version): "
                        + "/usr/libexec/gcc/riscv64-linux-gnu/14/cc1")
                .containsPattern(
                        "accel: native \\(the host's build of the same version\\): .*\\briscv64-linux-gnu-as\\b")
                .doesNotContainPattern("\\ncc1 +emulated")
                .containsPattern(
                        "accel: native \\(the host's build of the same version\\): .*\\briscv64-linux-gnu-ld\\.bfd\\b")
                .contains("the host's cross build of the same source version, for the native linker: "
                        + "/usr/libexec/gcc/riscv64-linux-gnu/14/liblto_plugin.so")
                .containsPattern(
                        "accel: under the native perl \\(the host's build of the same version\\): .*\\bdh_builddeb\\b")
                .doesNotContainPattern("accel: under the native perl .*\\bdh_perl\\b")
                .contains("where the processor time went")
                .containsPattern("processor time: native [0-9.]+ s in [1-9][0-9]* processes");
        String plainLog = build(tree, out.resolve("plain"), "--no-accel");
        assertThat(plainLog).contains("accel: off (--no-accel)").doesNotContain("accel: native");

        Map<String, byte[]> accel = debs(out.resolve("accel"));
        Map<String, byte[]> plain = debs(out.resolve("plain"));
        assertThat(accel.keySet())
                .contains("crossroot-accel-probe_1.0_riscv64.deb")
                .isEqualTo(plain.keySet());
        accel.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(plain.get(name)));

        Path probe = out.resolve("probe.txt");
        DebFile.of(out.resolve("accel/crossroot-accel-probe_1.0_riscv64.deb"))
                .extract("usr/share/crossroot-accel-probe/probe.txt", probe);
        assertThat(Files.readAllLines(probe))
                .contains(
                        "uname -m: riscv64",
                        "dpkg --print-architecture: riscv64",
                        "DEB_HOST_ARCH: riscv64",
                        "perl archname: riscv64-linux-gnu-thread-multi",
                        "cross compiling... no",
                        "text tools: b3")
                .anyMatch(l -> l.startsWith("probe: 64-bit pointers, compiled by gcc "))
                .anyMatch(l -> l.matches("python EXT_SUFFIX: \\.cpython-3[0-9]+-riscv64-linux-gnu\\.so"));
    }

    @Test
    @Tag("docker")
    void theDockerSandboxAcceleratesTooWithTheSamePackage() throws IOException {
        io.crossroot.docker.DockerClient.connect(); // fails with how to start dockerd: CI must have one
        Path tree = PkgFixtures.probeTree(out.resolve("crossroot-accel-probe-1.0"));
        String dockerLog = build(tree, out.resolve("docker"), "--sandbox", "docker");
        assertThat(dockerLog)
                .contains("accel: native (the host's cross build of the same source version): "
                        + "/usr/libexec/gcc/riscv64-linux-gnu/14/cc1")
                .containsPattern("processor time: native [0-9.]+ s in [1-9][0-9]* processes");
        build(tree, out.resolve("plain"), "--no-accel");
        Map<String, byte[]> docker = debs(out.resolve("docker"));
        Map<String, byte[]> plain = debs(out.resolve("plain"));
        assertThat(docker.keySet()).isNotEmpty().isEqualTo(plain.keySet());
        docker.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(plain.get(name)));
    }

    private static String build(Path tree, Path output, String... options) throws IOException {
        List<String> args = new java.util.ArrayList<>(
                List.of("pkg", "build", "--arch", "riscv64", "--suite", "trixie", "-j2", "-o", output.toString()));
        args.addAll(List.of(options));
        args.add(tree.toString());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args.toArray(String[]::new));
        assertThat(rc).as(e.toString()).isZero();
        return Files.readString(output.resolve("crossroot-accel-probe_1.0_riscv64.build"));
    }

    private static Map<String, byte[]> debs(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".deb")).toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }
}

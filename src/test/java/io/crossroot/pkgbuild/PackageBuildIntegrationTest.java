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
import io.crossroot.util.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real builds for riscv64 under qemu-user from the host's mirror (sid: its hello is whole there). The hello build
 * takes about ten minutes emulated, so it is the only successful build here; the other cases reuse its cached
 * root (same build packages), so they fail within seconds.
 */
@Tag("pkgbuild")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageBuildIntegrationTest {
    /** hello's build-dependencies in sid, so the broken tree's root is hello's cached one. */
    private static final String HELLO_BUILD_DEPS = "debhelper-compat (= 13), texinfo";

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

    private record Run(int exit, String out, String err) {}

    private static Run crossroot(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.run(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new Run(rc, o.toString(), e.toString());
    }

    @Test
    @Order(1)
    void buildsHelloForRiscv64() throws IOException, InterruptedException {
        Run r = crossroot(
                "pkg",
                "build",
                "--arch",
                "riscv64",
                "--suite",
                "sid",
                "--snapshot",
                "hello",
                "--profiles",
                "nocheck",
                "--keep-root",
                "-o",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path deb;
        try (Stream<Path> s = Files.list(out)) {
            List<Path> files = s.toList();
            deb = files.stream()
                    .filter(f -> f.getFileName().toString().matches("hello_.*_riscv64\\.deb"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no hello .deb in " + files));
            assertThat(files)
                    .anyMatch(f -> f.getFileName().toString().endsWith("_riscv64.buildinfo"))
                    .anyMatch(f -> f.getFileName().toString().endsWith("_riscv64.changes"));
        }
        assertThat(DebFile.of(deb).control().get("Architecture")).isEqualTo("riscv64");
        String version = DebFile.of(deb).control().get("Version");
        Path log = out.resolve("hello_" + version + "_riscv64.build");
        assertThat(Files.readString(log)).contains("dpkg-buildpackage", "dpkg-deb: building package 'hello'");
        assertThat(r.out())
                .contains("fetch", "deps", "root", "build", "collect", "total")
                .contains(log.toString());

        // the kept build root is a crossroot rootfs of the same arch: the new package installs there and greets
        Path root = Path.of(r.out()
                .lines()
                .filter(l -> l.startsWith("root kept: "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no kept root in " + r.out()))
                .substring("root kept: ".length()));
        try {
            Files.copy(deb, root.resolve("root/hello.deb"));
            ChrootSandbox sandbox = new ChrootSandbox();
            Map<String, String> env = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C.UTF-8");
            List<String> output = new ArrayList<>();
            assertThat(sandbox.exec(root, List.of("dpkg", "-i", "/root/hello.deb"), env, output::add)
                            .exitCode())
                    .as(String.join("\n", output))
                    .isZero();
            output.clear();
            assertThat(sandbox.exec(root, List.of("hello"), env, output::add).exitCode())
                    .isZero();
            assertThat(output).contains("Hello, world!");
        } finally {
            Trees.delete(root.getParent());
        }
    }

    @Test
    @Order(2)
    void aFailingBuildKeepsItsLogAndExitsOne() throws IOException {
        Path tree = brokenTree(out.resolve("src"), HELLO_BUILD_DEPS);
        Run r = crossroot(
                "pkg",
                "build",
                "--arch",
                "riscv64",
                "--suite",
                "sid",
                "--snapshot",
                tree.toString(),
                "-o",
                out.resolve("result").toString());
        assertThat(r.exit()).isEqualTo(1);
        Path log = out.resolve("result/crossroot-broken_1.0_riscv64.build");
        assertThat(r.err()).contains("failed", log.toString(), "deliberately broken");
        assertThat(Files.readString(log)).contains("deliberately broken");
        assertThat(Files.list(out.resolve("result")).filter(f -> f.toString().endsWith(".deb")))
                .isEmpty();
    }

    @Test
    @Order(3)
    void anUnsatisfiableBuildDependencyIsNamed() throws IOException {
        Path tree = brokenTree(out.resolve("src2"), HELLO_BUILD_DEPS + ", crossroot-no-such-package (>= 1)");
        Run r = crossroot(
                "pkg",
                "build",
                "--arch",
                "riscv64",
                "--suite",
                "sid",
                "--snapshot",
                tree.toString(),
                "-o",
                out.resolve("result2").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("Cannot set up the build root of crossroot-broken 1.0 for riscv64")
                .contains("crossroot-no-such-package");
    }

    @Test
    @Order(4)
    void anUnknownSourcePackageIsReported() {
        Run r = crossroot(
                "pkg",
                "build",
                "--arch",
                "riscv64",
                "--suite",
                "sid",
                "--snapshot",
                "crossroot-no-such-source",
                "-o",
                out.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no source package 'crossroot-no-such-source'");
    }

    @Test
    @Order(5)
    void aFullOutputDiskIsReportedAsSuch() throws Exception {
        Path tiny = out.resolve("tiny");
        Files.createDirectories(tiny);
        assumeTrue(
                new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "crossroot-test", tiny.toString())
                                .inheritIO()
                                .start()
                                .waitFor()
                        == 0,
                "needs to mount a tmpfs");
        try {
            // fill it: the log can be created but not written
            new ProcessBuilder("dd", "if=/dev/zero", "of=" + tiny.resolve("filler"), "bs=4k")
                    .start()
                    .waitFor();
            Path tree = brokenTree(out.resolve("src3"), HELLO_BUILD_DEPS);
            Run r = crossroot(
                    "pkg",
                    "build",
                    "--arch",
                    "riscv64",
                    "--suite",
                    "sid",
                    "--snapshot",
                    tree.toString(),
                    "-o",
                    tiny.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("disk ran full", "No space left on device");
        } finally {
            new ProcessBuilder("umount", tiny.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    @Order(6)
    void buildsAnRpmSpecWithDebiansRpmTooling() throws Exception {
        Path specDir = out.resolve("rpm-hello");
        Files.createDirectories(specDir);
        for (String f : List.of("crossroot-hello.spec", "crossroot-hello.c")) {
            try (var in = getClass().getResourceAsStream("/fixtures/pkgbuild/rpm-hello/" + f)) {
                Files.copy(in, specDir.resolve(f));
            }
        }
        Run r = crossroot(
                "pkg",
                "build",
                "--arch",
                "riscv64",
                "--suite",
                "sid",
                "--snapshot",
                specDir.resolve("crossroot-hello.spec").toString(),
                "-o",
                out.resolve("rpms").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Path rpm = out.resolve("rpms/crossroot-hello-1.0-1.riscv64.rpm");
        assertThat(rpm).isRegularFile();
        assertThat(out.resolve("rpms/crossroot-hello_1.0-1_riscv64.build"))
                .content()
                .contains("rpmbuild");

        // Debian's rpm on the host reads the package (rpm2archive: sid's rpm 6 writes a payload rpm2cpio refuses);
        // its program is a riscv64 ELF that runs under binfmt
        Process query = new ProcessBuilder("rpm", "-qp", "--qf", "%{NAME} %{ARCH}", rpm.toString()).start();
        assertThat(new String(query.getInputStream().readAllBytes())).isEqualTo("crossroot-hello riscv64");
        assertThat(query.waitFor()).isZero();
        Process p = new ProcessBuilder("rpm2archive", "-n", "-")
                .redirectInput(rpm.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Path program = out.resolve("crossroot-hello");
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(p.getInputStream())) {
            for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().endsWith("usr/bin/crossroot-hello")) {
                    Files.copy(tar, program);
                }
            }
        }
        assertThat(p.waitFor()).isZero();
        assertThat(io.crossroot.elf.ElfFile.read(program).arch().map(a -> a.debian()))
                .contains("riscv64");
        program.toFile().setExecutable(true);
        Process run =
                new ProcessBuilder(program.toString()).redirectErrorStream(true).start();
        assertThat(new String(run.getInputStream().readAllBytes())).isEqualTo("hello from riscv64\n");
        assertThat(run.waitFor()).isZero();
    }

    /** A native source tree whose debian/rules fails at once. */
    static Path brokenTree(Path dir, String buildDepends) throws IOException {
        Files.createDirectories(dir.resolve("debian/source"));
        Files.writeString(
                dir.resolve("debian/control"),
                "Source: crossroot-broken\nSection: misc\nPriority: optional\n"
                        + "Maintainer: crossroot tests <tests@crossroot.invalid>\nBuild-Depends: " + buildDepends + "\n"
                        + "Standards-Version: 4.7.0\n\nPackage: crossroot-broken\nArchitecture: any\n"
                        + "Description: fails to build on purpose\n a test package\n");
        Files.writeString(
                dir.resolve("debian/changelog"),
                "crossroot-broken (1.0) unstable; urgency=medium\n\n"
                        + "  * Broken on purpose.\n\n -- crossroot tests <tests@crossroot.invalid>  Mon, 01 Jan 2024 00:00:00 +0000\n");
        Files.writeString(dir.resolve("debian/source/format"), "3.0 (native)\n");
        Path rules = dir.resolve("debian/rules");
        Files.writeString(rules, "#!/bin/sh\necho 'crossroot: deliberately broken rules' >&2\nexit 1\n");
        rules.toFile().setExecutable(true, false);
        return dir;
    }
}

package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import io.crossroot.docker.ContainerRunner;
import io.crossroot.docker.DockerClient;
import io.crossroot.docker.ImageLoader;
import io.crossroot.oci.ImageReference;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 'image build --no-scripts' and 'rootfs --no-scripts' against the real mirror: a distroless busybox image that
 * runs in Docker, built while strace watched every program started; the same digest twice; the refusal of a set
 * whose packages have installation scripts, and --skip-scripts-of accepting it.
 */
@Tag("mirror")
class NoScriptsBuildTest {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final String EPOCH = "1700000000";
    /** The program of a traced execve: strace -f writes 'PID execve("/usr/bin/find", [...'. */
    private static final Pattern EXECVE = Pattern.compile("execve\\(\"([^\"]*)\"");

    @TempDir
    Path tmp;

    @Test
    @Tag("docker")
    void busyboxImageIsBuiltWithoutEmulationAndRunsInDocker() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the build and binfmt_misc need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        DockerClient docker = DockerClient.connect(); // fails with how to start dockerd: CI must have one
        Path layout = tmp.resolve("image");
        Path trace = tmp.resolve("strace.log");
        CliRun built;
        Process strace = new ProcessBuilder(
                        "strace",
                        "-f",
                        "-qq",
                        "-o",
                        trace.toString(),
                        "-e",
                        "trace=execve,openat",
                        "-p",
                        String.valueOf(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .start();
        try {
            waitForAttach(trace);
            built = build(layout);
        } finally {
            strace.destroy();
            strace.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(built.exitCode()).as(built.err()).isZero();
        List<String> programs = Files.readAllLines(trace).stream()
                .map(EXECVE::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
        // the image writer's find ran: strace saw this build's children, so an emulated one could not hide
        assertThat(programs).as("strace followed the build's processes").anyMatch(p -> p.endsWith("/find"));
        assertThat(programs)
                .as("no emulator, chroot or namespace, and no program of the trees being built")
                .noneMatch(p -> p.matches(".*(qemu.*|/chroot|/unshare|/mount|\\.crossroot-image-.*)"));
        assertThat(Files.readAllLines(trace))
                .as("binfmt_misc is not even looked at")
                .noneMatch(l -> l.contains("binfmt_misc"));
        assertThat(Files.readString(layout.resolveSibling("image.log")))
                .contains("no script runs (--no-scripts)")
                .doesNotContain("sandbox:");

        String image = "crossroot-test/noscripts:1";
        try {
            new ImageLoader(docker).load(layout, ImageReference.parse(image));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = new ContainerRunner(docker, BinfmtMisc.system())
                    .run(
                            ArchCatalog.require("riscv64"),
                            image,
                            List.of("busybox", "echo", "hello from a script-free image"),
                            out,
                            new ByteArrayOutputStream());
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("hello from a script-free image");
        } finally {
            docker.removeImage(image);
        }
    }

    @Test
    void twoBuildsGiveTheSameDigest() {
        CliRun first = build(tmp.resolve("first"));
        CliRun second = build(tmp.resolve("second"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(digest(second)).isEqualTo(digest(first));
    }

    @Test
    void packagesWithInstallScriptsAreRefusedUnlessSkipped() throws Exception {
        Path refusedRoot = tmp.resolve("refused");
        CliRun refused = CliRun.of(
                "rootfs", "--no-scripts", "--arch", "riscv64", "--include", "passwd", "-o", refusedRoot.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("passwd (preinst, postinst: creates users or groups")
                .contains("--skip-scripts-of ");
        assertThat(refusedRoot).doesNotExist();

        Matcher flag = Pattern.compile("--skip-scripts-of (\\S+) ").matcher(refused.err());
        assertThat(flag.find()).isTrue();
        Path root = tmp.resolve("skipped");
        CliRun skipped = CliRun.of(
                "rootfs",
                "--no-scripts",
                "--arch",
                "riscv64",
                "--include",
                "passwd",
                "--skip-scripts-of",
                flag.group(1),
                "-o",
                root.toString());
        assertThat(skipped.exitCode()).as(skipped.err()).isZero();
        assertThat(root.resolve("usr/sbin/groupadd")).exists();
        // the scripts did not run: no shadow group, and /etc/group is not even there
        assertThat(root.resolve("etc/group")).doesNotExist();
        assertThat(Files.readString(root.resolveSibling("skipped.log")))
                .contains("not run, as --skip-scripts-of asked: ")
                .contains("passwd (preinst, postinst: creates users or groups");
        Process query = new ProcessBuilder(
                        "dpkg-query",
                        "--admindir=" + root.resolve("var/lib/dpkg"),
                        "-W",
                        "-f",
                        "${db:Status-Abbrev}${Package}\\n")
                .redirectErrorStream(true)
                .start();
        String status = new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(query.waitFor()).as(status).isZero();
        assertThat(status.lines()).contains("ii passwd", "ii libc6").allMatch(l -> l.startsWith("ii "));
    }

    @Test
    void aSkipOutsideTheSetIsRefused() {
        CliRun r = CliRun.of(
                "rootfs",
                "--no-scripts",
                "--arch",
                "riscv64",
                "--include",
                "busybox-static",
                "--skip-scripts-of",
                "libc6",
                "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--skip-scripts-of names libc6, which the package set does not contain");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    private static CliRun build(Path layout) {
        return CliRun.of(
                "image",
                "build",
                "--no-scripts",
                "--arch",
                "riscv64",
                "--include",
                "busybox-static",
                "--source-date-epoch",
                EPOCH,
                "--compression",
                "none",
                "-o",
                layout.toString());
    }

    private static String digest(CliRun r) {
        Matcher m = DIGEST.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group();
    }

    /** strace writes its first lines once it has attached to all threads. */
    private static void waitForAttach(Path log) throws Exception {
        for (int i = 0; i < 100 && (!Files.exists(log) || Files.size(log) == 0); i++) {
            Files.readAllBytes(Path.of("/proc/self/status")); // an openat, so the trace gets a line
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }
}

package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.toolbox.TestToolbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 'crossroot image build' or 'disk build' in its own JVM, killed (SIGKILL) or interrupted (SIGINT) at a
 * random moment: its outputs are then absent or complete, never half-written; what SIGINT interrupts is cleaned up
 * at once, what SIGKILL leaves is removed by the next run, which succeeds; no mount or loop device is left.
 */
class KillDuringBuildTest {
    private static final long SEED = new Random().nextLong();

    @TempDir
    Path tmp;

    private Path tree;

    @BeforeEach
    void makeTheTree() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("tree/bin"));
        Files.writeString(bin.resolve("sh"), "#!/bin/true\n");
        Random random = new Random(SEED);
        Path data = Files.createDirectories(tmp.resolve("tree/data"));
        for (int i = 0; i < 60; i++) { // incompressible, so writing it takes a moment
            byte[] bytes = new byte[400_000];
            random.nextBytes(bytes);
            Files.write(data.resolve("f" + i), bytes);
        }
        tree = bin.getParent();
    }

    /** The command writing its outputs into a directory, and the files that stand for each output's whole. */
    private interface Build {
        List<String> arguments(Path dir) throws IOException;

        List<String> outputs();

        /** Files compared byte for byte with a clean build's. */
        List<String> checkedFiles();

        /** Any further check of the outputs present in {@code dir}. */
        default void checkComplete(Path dir) throws IOException {}
    }

    @Test
    void anImageBuild() throws Exception {
        killAtRandomMoments(new Build() {
            public List<String> arguments(Path dir) {
                return List.of(
                        "image",
                        "build",
                        "--arch",
                        "riscv64",
                        "--rootfs",
                        tree.toString(),
                        "-o",
                        dir.resolve("oci").toString(),
                        "--docker-archive",
                        dir.resolve("img.tar").toString(),
                        "--source-date-epoch",
                        "0");
            }

            public List<String> outputs() {
                return List.of("img.tar", "oci", "oci.log");
            }

            public List<String> checkedFiles() {
                return List.of("img.tar", "oci/index.json");
            }
        });
    }

    @Test
    void aDiskBuild() throws Exception {
        TestToolbox.get(); // fetched once, before any build is timed or killed
        Path layout = Files.writeString(tmp.resolve("layout.yaml"), """
                table: gpt
                partitions:
                  - {name: root, type: linux, filesystem: ext4, mountpoint: /, headroom: 16M}
                """);
        killAtRandomMoments(new Build() {
            public List<String> arguments(Path dir) {
                return List.of(
                        "disk",
                        "build",
                        "--rootfs",
                        tree.toString(),
                        "--layout",
                        layout.toString(),
                        "-o",
                        dir.resolve("disk.img").toString(),
                        "--qcow2",
                        "--source-date-epoch",
                        "0");
            }

            public List<String> outputs() {
                return List.of("disk.img", "disk.qcow2", "disk.qcow2.boot.json", "disk.img.boot.json");
            }

            /** A qcow2 is converted in order (no -W), so a complete one equals the clean build's too. */
            public List<String> checkedFiles() {
                return List.of("disk.img", "disk.qcow2");
            }
        });
    }

    private void killAtRandomMoments(Build build) throws Exception {
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        assertThat(crossroot(build, reference).waitFor())
                .as("the reference build")
                .isZero();
        Map<String, byte[]> complete = new HashMap<>();
        for (String file : build.checkedFiles()) {
            complete.put(file, Files.readAllBytes(reference.resolve(file)));
        }
        Random random = new Random(SEED);
        Path work = Files.createDirectories(tmp.resolve("work"));
        for (int round = 0; round < 6; round++) {
            boolean kill = round % 2 == 0;
            long delay = random.nextInt(2500);
            List<String> before = leftovers(work, build); // a SIGKILL's, swept only once the next run gets that far
            Process p = crossroot(build, work);
            Thread.sleep(delay);
            if (kill) {
                p.destroyForcibly(); // SIGKILL
            } else {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                        .start()
                        .waitFor();
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String what = (kill ? "SIGKILL" : "SIGINT") + " after " + delay + " ms (seed " + SEED + ")";
            assertThat(p.exitValue()).as("exit status after " + what).isIn(0, kill ? 137 : 130);
            assertAbsentOrComplete(work, complete, what);
            build.checkComplete(work);
            if (!kill) {
                assertThat(leftovers(work, build))
                        .as("nothing new left after " + what)
                        .isSubsetOf(before);
            }
            assertNoMountOrLoopDeviceFor(work);
        }
        assertThat(crossroot(build, work).waitFor())
                .as("the run after the kills")
                .isZero();
        assertAbsentOrComplete(work, complete, "the last run");
        build.checkComplete(work);
        assertThat(work.resolve(build.checkedFiles().get(0))).exists();
        assertThat(leftovers(work, build))
                .as("stale partials swept by the last run")
                .isEmpty();
    }

    private static void assertAbsentOrComplete(Path work, Map<String, byte[]> complete, String what)
            throws IOException {
        for (Map.Entry<String, byte[]> file : complete.entrySet()) {
            if (Files.exists(work.resolve(file.getKey()))) {
                assertThat(Files.readAllBytes(work.resolve(file.getKey())))
                        .as(file.getKey() + " after " + what)
                        .isEqualTo(file.getValue());
            }
        }
    }

    /** Everything but the outputs themselves: partials, their locks, trees being deleted. */
    private static List<String> leftovers(Path work, Build build) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !build.outputs().contains(n))
                    .toList();
        }
    }

    private static void assertNoMountOrLoopDeviceFor(Path dir) throws IOException {
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                .noneMatch(l -> l.contains(" " + dir + "/") || l.contains(" " + dir + " "));
        try (Stream<Path> loops = Files.list(Path.of("/sys/block"))) {
            for (Path loop : loops.filter(p -> p.getFileName().toString().startsWith("loop"))
                    .toList()) {
                Path backing = loop.resolve("loop/backing_file");
                if (Files.exists(backing)) {
                    assertThat(Files.readString(backing)).doesNotContain(dir.toString());
                }
            }
        }
    }

    private Process crossroot(Build build, Path dir) throws IOException {
        List<String> command = OwnJvm.crossroot(build.arguments(dir));
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}

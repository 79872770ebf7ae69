package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 'crossroot image build' in its own JVM, killed (SIGKILL) or interrupted (SIGINT) at a random moment: its
 * outputs are then absent or complete, never half-written; what SIGINT interrupts is cleaned up at once, what
 * SIGKILL leaves is removed by the next run, which succeeds.
 */
class KillDuringImageBuildTest {
    private static final long SEED = new Random().nextLong();

    @TempDir
    Path tmp;

    private Path tree;
    private byte[] referenceArchive;
    private byte[] referenceIndex;

    @BeforeEach
    void buildTheReference() throws Exception {
        tree = Files.createDirectories(tmp.resolve("tree/bin"));
        Files.writeString(tree.resolve("sh"), "#!/bin/true\n");
        Random random = new Random(SEED);
        Path data = Files.createDirectories(tmp.resolve("tree/data"));
        for (int i = 0; i < 60; i++) { // incompressible, so compressing the layer takes a moment
            byte[] bytes = new byte[400_000];
            random.nextBytes(bytes);
            Files.write(data.resolve("f" + i), bytes);
        }
        tree = tree.getParent();
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        Process p = crossroot(reference);
        assertThat(p.waitFor()).as("the reference build").isZero();
        referenceArchive = Files.readAllBytes(reference.resolve("img.tar"));
        referenceIndex = Files.readAllBytes(reference.resolve("oci/index.json"));
    }

    @Test
    void killedOrInterruptedAtARandomMomentLeavesNothingHalfWritten() throws Exception {
        Random random = new Random(SEED);
        Path work = Files.createDirectories(tmp.resolve("work"));
        for (int round = 0; round < 6; round++) {
            boolean kill = round % 2 == 0;
            long delay = random.nextInt(2500);
            List<String> before = leftovers(work); // a SIGKILL's, swept only once the next run gets that far
            Process p = crossroot(work);
            Thread.sleep(delay);
            if (kill) {
                p.destroyForcibly(); // SIGKILL
            } else {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String what = (kill ? "SIGKILL" : "SIGINT") + " after " + delay + " ms (seed " + SEED + ")";
            assertThat(p.exitValue()).as("exit status after " + what).isIn(0, kill ? 137 : 130);
            assertOutputsAbsentOrComplete(work, what);
            if (!kill) {
                assertThat(leftovers(work)).as("nothing new left after " + what).isSubsetOf(before);
            }
            assertNoMountBelow(work);
        }
        Process next = crossroot(work);
        assertThat(next.waitFor()).as("the run after the kills").isZero();
        assertOutputsAbsentOrComplete(work, "the last run");
        assertThat(work.resolve("img.tar")).exists();
        assertThat(leftovers(work)).as("stale partials swept by the last run").isEmpty();
    }

    private void assertOutputsAbsentOrComplete(Path work, String what) throws IOException {
        if (Files.exists(work.resolve("img.tar"))) {
            assertThat(Files.readAllBytes(work.resolve("img.tar"))).as("img.tar after " + what)
                    .isEqualTo(referenceArchive);
        }
        if (Files.exists(work.resolve("oci"))) {
            assertThat(Files.readAllBytes(work.resolve("oci/index.json"))).as("oci after " + what)
                    .isEqualTo(referenceIndex);
        }
    }

    /** Everything but the outputs themselves: partials, their locks, trees being deleted. */
    private static List<String> leftovers(Path work) throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("img.tar") && !n.equals("oci")).toList();
        }
    }

    private static void assertNoMountBelow(Path dir) throws IOException {
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                .noneMatch(l -> l.contains(" " + dir + "/") || l.contains(" " + dir + " "));
    }

    private Process crossroot(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // A build started in the background inherits SIGINT ignored, and the JVM then keeps ignoring it.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java, "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(), "image", "build", "--arch", "riscv64", "--rootfs", tree.toString(),
                "-o", dir.resolve("oci").toString(), "--docker-archive", dir.resolve("img.tar").toString(),
                "--source-date-epoch", "0"));
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}

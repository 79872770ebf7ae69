package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.cli.OwnJvm;
import io.crossroot.sandbox.ChrootSandbox;
import io.crossroot.util.Dirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 'crossroot pkg build' in its own JVM, interrupted (SIGINT) or killed (SIGKILL) at a random moment after its
 * working copy of the build root appears, that is while it is copied or soon after: SIGINT leaves nothing in the
 * cache's work directory, what SIGKILL leaves is deleted by the next build of the same source, and no mount is left.
 */
@Tag("pkgbuild")
class KillDuringPackageBuildTest {
    private static final long SEED = new Random().nextLong();
    private static final String LABEL = "crossroot-accel-probe";

    @TempDir
    Path tmp;

    @Test
    void theWorkingCopyOfTheBuildRootNeverOutlivesTheBuild() throws Exception {
        assumeTrue(ChrootSandbox.available(), "needs root and unshare");
        Path tree = PkgFixtures.probeTree(tmp.resolve("crossroot-accel-probe-1.0"));
        Path work = Dirs.cache().resolve("pkgbuild/roots/work");
        Random random = new Random(SEED);
        List<String> killed = List.of();
        for (String signal : List.of("INT", "KILL", "INT", "INT")) {
            long delay = random.nextInt(2500);
            String what = "SIG" + signal + " " + delay + " ms after the working copy appeared (seed " + SEED + ")";
            List<String> before = ours(work);
            Path stderr = tmp.resolve("stderr-" + signal + "-" + delay + ".txt");
            Process p = crossroot(tree, tmp.resolve("out"), stderr);
            if (!waitForWorkingCopy(p, work, before)) {
                assertThat(p.exitValue())
                        .as("the build ended before it copied its root: " + Files.readString(stderr))
                        .isZero();
                continue;
            }
            Thread.sleep(delay);
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .start()
                    .waitFor();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as(what).isTrue();
            assertThat(p.exitValue()).as("exit status after " + what).isIn(0, signal.equals("INT") ? 130 : 137);
            List<String> left = ours(work);
            if (signal.equals("INT")) {
                assertThat(left).as("left after " + what).isEmpty();
            } else {
                killed = left;
            }
            assertNoMountBelow(work, what);
            assertNoProcessInside(work, what);
        }
        assertThat(killed)
                .as("a SIGKILL leaves its working copy, which a later build deleted (checked above)")
                .isNotEmpty();
    }

    /** Waits until the build's working copy appears; false when the build ended first. */
    private static boolean waitForWorkingCopy(Process p, Path work, List<String> before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30); // a cold cache builds the root first
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return false;
            }
            if (Files.isDirectory(work)
                    && ours(work).stream()
                            .anyMatch(n -> !before.contains(n) && !n.endsWith(".lock") && !n.startsWith("."))) {
                return true;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("no working copy of the build root appeared in " + work);
    }

    private static List<String> ours(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(work)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(LABEL + ".") || n.startsWith("." + LABEL + "."))
                    .sorted()
                    .toList();
        }
    }

    /** No process is left chrooted into one of these working copies: the sandbox ends with crossroot, however. */
    private static void assertNoProcessInside(Path work, String what) throws Exception {
        List<String> inside = List.of();
        for (int attempt = 0; attempt < 50; attempt++) {
            inside = new ArrayList<>();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(d -> d.getFileName().toString().matches("[0-9]+"))
                        .toList()) {
                    try {
                        String root =
                                Files.readSymbolicLink(proc.resolve("root")).toString();
                        if (root.startsWith(work + "/" + LABEL + ".")) {
                            inside.add(proc.getFileName().toString());
                        }
                    } catch (IOException gone) {
                        // ended meanwhile
                    }
                }
            }
            if (inside.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(inside)
                .as("processes still inside a working copy after " + what)
                .isEmpty();
    }

    private static void assertNoMountBelow(Path dir, String what) throws IOException {
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                .as("mounts after " + what)
                .noneMatch(l -> l.contains(" " + dir + "/"));
    }

    private static Process crossroot(Path tree, Path output, Path stderr) throws IOException {
        List<String> command = OwnJvm.crossroot(
                "pkg",
                "build",
                "--arch",
                "riscv64",
                "--suite",
                "trixie",
                "--no-accel",
                "-j2",
                "-o",
                output.toString(),
                tree.toString());
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
                .start();
    }
}

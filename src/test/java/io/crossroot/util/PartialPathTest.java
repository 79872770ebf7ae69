package io.crossroot.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs written aside: a run killed outright leaves OUT.partial-* behind, and the next run for the same OUT
 * deletes it, but never the partial of a build still running (another process holding its lock).
 */
class PartialPathTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunsPartialIsSweptButARunningOnesIsKept() throws Exception {
        Path out = dir.resolve("image.tar");
        Process running = holder(out);
        Path runningPartial = firstLine(running);
        Process killed = holder(out);
        Path killedPartial = firstLine(killed);
        killed.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the partial and its lock stay
        assertThat(killedPartial).exists();

        try {
            AtomicOutput.write(out, "done\n".getBytes(StandardCharsets.UTF_8));
            assertThat(out).hasContent("done");
            assertThat(killedPartial).doesNotExist();
            assertThat(Path.of(killedPartial + ".lock")).doesNotExist();
            assertThat(runningPartial).hasContent("half-written");
        } finally {
            running.getOutputStream().close();
            assertThat(running.waitFor()).isZero();
        }
        assertThat(names()).containsExactly("image.tar"); // the running one cleaned up after itself
    }

    @Test
    void partialsOfThisProcessAreKeptAndAPartialWithoutLockIsStale() throws IOException {
        Path out = dir.resolve("root");
        Path legacy = Files.createDirectories(dir.resolve("root.partial-old/usr/bin"));
        Path halfDeleted = Files.createDirectories(dir.resolve(".root.partial-0a1b.deleting/etc"));
        try (PartialDirectory first = PartialDirectory.beside(out)) {
            assertThat(legacy.getParent().getParent()).doesNotExist();
            assertThat(halfDeleted.getParent()).doesNotExist();
            Files.writeString(first.path().resolve("a"), "a");
            try (AtomicOutput second = AtomicOutput.open(out)) {
                assertThat(first.path().resolve("a")).exists(); // same JVM: the lock table says held
                second.stream().write(1);
            }
            assertThat(first.path().resolve("a")).exists();
            first.commit();
        }
        assertThat(names()).containsExactly("root");
    }

    @Test
    void aStalePartialWithSomethingMountedInsideIsLeftAlone() throws Exception {
        Path out = dir.resolve("rootfs");
        Path stale = Files.createDirectories(dir.resolve("rootfs.partial-0123/proc"));
        run("mount", "-t", "tmpfs", "-o", "size=64k", "crossroot-test", stale.toString());
        try {
            Files.writeString(stale.resolve("inside"), "mounted");
            try (PartialDirectory staged = PartialDirectory.beside(out)) {
                assertThat(stale.resolve("inside")).hasContent("mounted");
            }
        } finally {
            run("umount", stale.toString());
        }
        try (PartialDirectory staged = PartialDirectory.beside(out)) {
            assertThat(stale.getParent()).doesNotExist(); // unmounted: now it is swept
        }
    }

    @Test
    void aFullFileSystemIsNamedWithThePathAndLeavesNothing() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        run("mount", "-t", "tmpfs", "-o", "size=64k", "crossroot-test", small.toString());
        try {
            Path out = small.resolve("disk.img");
            assertThatThrownBy(() -> AtomicOutput.write(out, new byte[1 << 20]))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("Cannot write " + out)
                    .hasMessageContaining("file system is full")
                    .hasMessageContaining("No space left on device");
            try (var left = Files.list(small)) {
                assertThat(left).isEmpty();
            }
        } finally {
            run("umount", small.toString());
        }
    }

    private Process holder(Path out) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        PartialHolder.class.getName(),
                        out.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static Path firstLine(Process p) throws IOException {
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the holder's partial").isNotNull();
        return Path.of(line);
    }

    private List<String> names() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }
}

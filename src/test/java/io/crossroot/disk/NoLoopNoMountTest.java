package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.toolbox.TestToolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the build mounts nothing and opens no loop device: strace follows this JVM and every child it starts
 * (mke2fs, mkfs.vfat, mcopy) and records mount syscalls and opens of /dev/loop*. The trace must show the
 * children's own work (libext2fs being loaded), so a strace that saw nothing cannot pass the test.
 */
class NoLoopNoMountTest {
    @TempDir
    Path tmp;

    @Test
    void buildUsesNoMountAndNoLoopDevice() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path rootfs = TestRootfs.create(tmp);
        var toolbox = TestToolbox.get();
        String mountsBefore = Files.readString(Path.of("/proc/self/mountinfo"));
        List<String> loopsBefore = loopBackingFiles();
        Path log = tmp.resolve("strace.log");
        Process strace = new ProcessBuilder(
                        "strace",
                        "-f",
                        "-qq",
                        "-o",
                        log.toString(),
                        "-e",
                        "trace=mount,umount2,fsopen,fsmount,move_mount,open_tree,openat,ioctl",
                        "-p",
                        String.valueOf(ProcessHandle.current().pid()))
                .redirectErrorStream(true)
                .start();
        try {
            waitForAttach(log);
            Path out = tmp.resolve("disk.img");
            new DiskImageBuilder(toolbox)
                    .build(
                            DiskPlan.of(DiskLayoutFile.parseYaml(TestRootfs.LAYOUT, "t"), 1),
                            rootfs,
                            rootfs,
                            List.of(),
                            out);
        } finally {
            strace.destroy();
            strace.waitFor(10, TimeUnit.SECONDS);
        }
        String trace = Files.readString(log);
        assertThat(trace)
                .as("strace followed the tool processes")
                .contains("libext2fs.so")
                .contains("mkfs.fat")
                .contains("usr/bin/mtools");
        assertThat(trace.lines()
                        .filter(l -> l.matches("\\d+\\s+(mount|umount2|fsopen|fsmount|move_mount|open_tree)\\(.*")))
                .isEmpty();
        assertThat(trace.lines().filter(l -> l.contains("/dev/loop") || l.contains("LOOP_")))
                .isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).isEqualTo(mountsBefore);
        assertThat(loopBackingFiles()).isEqualTo(loopsBefore);
    }

    /** strace writes its first lines once it has attached to all threads. */
    private static void waitForAttach(Path log) throws Exception {
        for (int i = 0; i < 100 && (!Files.exists(log) || Files.size(log) == 0); i++) {
            Files.exists(Path.of("/proc/self/status")); // any syscall, so the trace gets a line
            Thread.sleep(100);
        }
        Thread.sleep(500);
    }

    private static List<String> loopBackingFiles() throws Exception {
        Path block = Path.of("/sys/block");
        try (var s = Files.list(block)) {
            return s.filter(p -> p.getFileName().toString().startsWith("loop"))
                    .map(p -> p.resolve("loop/backing_file"))
                    .filter(Files::exists)
                    .map(p -> {
                        try {
                            return Files.readString(p).strip();
                        } catch (java.io.IOException e) {
                            return "?";
                        }
                    })
                    .sorted()
                    .toList();
        }
    }
}

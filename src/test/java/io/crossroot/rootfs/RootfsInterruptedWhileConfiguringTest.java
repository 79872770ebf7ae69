package io.crossroot.rootfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.cli.OwnJvm;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.qemu.EmulationSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C while a real rootfs build runs its maintainer scripts: the shutdown hooks end the sandbox, so the script
 * then fails, and the report must say the build was interrupted, not blame the script. Nothing may remain: no
 * output, no partial, no mount, no sandbox process or container. A SIGKILL leaves its partial to the next run,
 * which sweeps it and succeeds, and no mount outlives the script that was running.
 */
@Tag("rootfs")
class RootfsInterruptedWhileConfiguringTest {
    @TempDir
    Path tmp;

    /** A real rootfs build in a JVM of its own, its output read into {@code log}; returns once it configures. */
    private Process startConfiguring(String sandbox, Path out, StringBuilder log) throws Exception {
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite("trixie")
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .build());
        EmulationSetup.ensure(repo, List.of(ArchCatalog.require("riscv64")), DownloadListener.NONE);
        Process p = new ProcessBuilder(OwnJvm.crossroot(
                        "rootfs",
                        "--arch",
                        "riscv64",
                        "--variant",
                        "essential",
                        "--fresh",
                        "--sandbox",
                        sandbox,
                        "-o",
                        out.toString()))
                .redirectErrorStream(true)
                .start();
        CountDownLatch configuring = new CountDownLatch(1);
        Thread.ofPlatform().start(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("configuring:")) {
                        configuring.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        assertThat(configuring.await(10, TimeUnit.MINUTES))
                .as("configuring started")
                .isTrue();
        Thread.sleep(new Random().nextInt(3000));
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"chroot", "docker"})
    void ctrlCDuringMaintainerScriptsIsReportedAsAnInterruption(String sandbox) throws Exception {
        Path out = tmp.resolve("root");
        StringBuilder log = new StringBuilder();
        Process p = startConfiguring(sandbox, out, log);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String stderr;
        synchronized (log) {
            stderr = log.toString();
        }
        assertThat(p.exitValue()).as(stderr).isEqualTo(130);
        assertThat(stderr)
                .doesNotContain("failed with status")
                .doesNotContain("internal error")
                .doesNotContain("\tat ");
        assertThat(stderr.lines().filter(l -> l.startsWith("crossroot: ")))
                .allMatch(l -> l.startsWith("crossroot: Interrupted"), "reports the interruption");
        assertThat(out).doesNotExist();
        assertThat(tmp.toFile().list())
                .as("no OUT.partial-*, lock or tree being deleted")
                .isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(tmp.toString());
        assertThat(processesMentioning(tmp.toString()))
                .as("sandbox processes left")
                .isEmpty();
        assertThat(containersBinding(tmp.toString())).as("containers left").isEmpty();
    }

    @Test
    void aKillDuringMaintainerScriptsLeavesNoMountAndTheNextRunSucceeds() throws Exception {
        Path out = tmp.resolve("root");
        Process p = startConfiguring("chroot", out, new StringBuilder());
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        // The script that ran goes on to its end in its namespace, then the namespace and its mounts are gone.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!processesMentioning(tmp.toString()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(processesMentioning(tmp.toString()))
                .as("sandbox processes left")
                .isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(tmp.toString());
        assertThat(out).doesNotExist();

        Process next = new ProcessBuilder(
                        OwnJvm.crossroot("rootfs", "--arch", "riscv64", "--variant", "essential", "-o", out.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(next.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(next.exitValue()).as("the run after the kill").isZero();
        assertThat(out.resolve("var/lib/dpkg/status")).isRegularFile();
        assertThat(tmp.toFile().list())
                .as("the killed run's partial swept")
                .containsExactlyInAnyOrder("root", "root.log", "root.spdx.json");
    }

    /** The engine's containers (running or not) with a bind mount from below {@code dir}. */
    private static List<String> containersBinding(String dir) throws Exception {
        List<String> found = new java.util.ArrayList<>();
        for (String id : output("docker", "ps", "-aq", "--no-trunc").lines().toList()) {
            if (output("docker", "inspect", "--format", "{{json .Mounts}}", id).contains(dir)) {
                found.add(id);
            }
        }
        return found;
    }

    private static String output(String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
        return out;
    }

    private static List<String> processesMentioning(String text) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> {
                        try {
                            return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                                    .replace('\0', ' ');
                        } catch (IOException e) {
                            return ""; // ended meanwhile
                        }
                    })
                    .filter(c -> c.contains(text))
                    .toList();
        }
    }
}

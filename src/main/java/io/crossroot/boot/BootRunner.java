package io.crossroot.boot;

import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.HostProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Boots an image headless in qemu-system, streams its serial console to {@code console}, and stops as soon as
 * {@code expect} appears (success), the kernel panics, QEMU exits, or the timeout passes. QEMU is always killed,
 * also when the JVM is interrupted (Ctrl-C runs the shutdown hook).
 */
public final class BootRunner {
    public static final Pattern DEFAULT_EXPECT = Pattern.compile("login:");

    private final Toolbox toolbox;

    public BootRunner(Toolbox toolbox) {
        this.toolbox = toolbox;
    }

    public BootOutcome boot(Path image, BootSpec spec, Pattern expect, Duration timeout, OutputStream console) {
        return boot(image, spec, List.of(), expect, timeout, console);
    }

    /** {@link #boot(Path, BootSpec, Pattern, Duration, OutputStream)} with {@code extraArgs} appended to QEMU's. */
    @SuppressWarnings("try") // the killer is only closed
    public BootOutcome boot(
            Path image, BootSpec spec, List<String> extraArgs, Pattern expect, Duration timeout, OutputStream console) {
        List<String> args = new ArrayList<>(
                QemuCommand.arguments(toolbox, spec, image.toAbsolutePath().getParent()));
        args.addAll(extraArgs);
        ProcessBuilder pb = toolbox.processBuilder(QemuCommand.emulator(spec.arch()), args, java.util.Map.of())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process qemu = HostProcess.start(pb);
        ConsoleWatch watch = new ConsoleWatch(expect);
        try (ExitCleanup killer = ExitCleanup.register("kill-qemu", () -> kill(qemu))) {
            Thread reader = Thread.ofPlatform()
                    .daemon()
                    .name("qemu-console")
                    .start(() -> follow(qemu.getInputStream(), watch, console));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (watch.state() == ConsoleWatch.State.RUNNING && qemu.isAlive() && System.nanoTime() < deadline) {
                qemu.waitFor(200, TimeUnit.MILLISECONDS);
            }
            if (!qemu.isAlive()) {
                reader.join(2000); // let the console's last lines arrive
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            return switch (watch.state()) {
                case MATCHED ->
                    new BootOutcome(
                            true,
                            "'" + expect.pattern() + "' appeared after " + ms / 1000 + " s",
                            watch.lastLines(),
                            ms);
                case PANICKED -> new BootOutcome(false, "the kernel panicked", watch.lastLines(), ms);
                case RUNNING ->
                    new BootOutcome(
                            false,
                            qemu.isAlive()
                                    ? "'" + expect.pattern() + "' did not appear within " + timeout.toSeconds() + " s"
                                    : "QEMU exited with status " + qemu.exitValue() + " before '" + expect.pattern()
                                            + "' appeared",
                            watch.lastLines(),
                            ms);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BootOutcome(false, "interrupted", watch.lastLines(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /**
     * Boots the image with QEMU attached to this process's terminal (serial console on stdio, Ctrl-A X quits),
     * {@code extraArgs} appended to QEMU's, and returns QEMU's exit status.
     */
    @SuppressWarnings("try") // the killer is only closed
    public int interactive(Path image, BootSpec spec, List<String> extraArgs) {
        List<String> args = new ArrayList<>(
                QemuCommand.arguments(toolbox, spec, image.toAbsolutePath().getParent()));
        args.addAll(extraArgs);
        Process qemu =
                HostProcess.start(toolbox.processBuilder(QemuCommand.emulator(spec.arch()), args, java.util.Map.of())
                        .inheritIO());
        try (ExitCleanup killer = ExitCleanup.register("kill-qemu", () -> kill(qemu))) {
            return qemu.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void follow(InputStream in, ConsoleWatch watch, OutputStream console) {
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[4096];
            for (int n; (n = r.read(buf)) > 0; ) {
                console.write(new String(buf, 0, n).getBytes(StandardCharsets.UTF_8));
                console.flush();
                for (int i = 0; i < n; i++) {
                    watch.feed(buf[i]);
                }
            }
        } catch (IOException e) {
            // QEMU was killed: the console just ends
        }
    }

    private static void kill(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

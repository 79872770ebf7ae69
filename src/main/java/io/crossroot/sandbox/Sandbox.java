package io.crossroot.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs commands inside a root filesystem, with /proc, /sys, /dev and /tmp of its own, so that maintainer
 * scripts and build tools see a normal system. Foreign binaries inside run through the host's binfmt_misc
 * entries (registered with F, so the interpreter needs no copy inside the root).
 */
public interface Sandbox {
    /** A short name for messages, e.g. "chroot" or "docker". */
    String name();

    /**
     * Runs {@code argv} inside {@code root} and waits for it. Output (stdout and stderr merged) goes to
     * {@code output}, line by line.
     */
    ExecResult exec(Path root, List<String> argv, Map<String, String> env, OutputSink output)
            throws IOException, InterruptedException;

    /**
     * Runs {@code argv} like {@link #exec(Path, List, Map, OutputSink)}, with {@code overlays} mounted for this
     * command only (they end with it, whatever happens). A sandbox that cannot mount them refuses any.
     */
    default ExecResult exec(
            Path root, List<String> argv, Map<String, String> env, OutputSink output, List<RootOverlay> overlays)
            throws IOException, InterruptedException {
        if (!overlays.isEmpty()) {
            throw new IllegalStateException("the " + name() + " sandbox mounts no overlays: " + overlays);
        }
        return exec(root, argv, env, output);
    }

    /** Receives the command's output lines as they come. */
    @FunctionalInterface
    interface OutputSink {
        void line(String line);

        static OutputSink discard() {
            return l -> {};
        }
    }

    record ExecResult(int exitCode, List<String> tail) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}

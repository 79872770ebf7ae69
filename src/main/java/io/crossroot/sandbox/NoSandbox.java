package io.crossroot.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sandbox of a build that runs nothing inside its root (image build --no-scripts): it needs neither emulation
 * nor a namespace, so none is set up, and a command reaching this one is a bug, never a silent emulated run.
 */
public final class NoSandbox implements Sandbox {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public ExecResult exec(Path root, List<String> argv, Map<String, String> env, OutputSink output) {
        throw new IllegalStateException("a build without scripts tried to run " + argv + " inside " + root);
    }
}

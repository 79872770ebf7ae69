package io.crossroot.sandbox;

import io.crossroot.util.HostProcess;
import io.crossroot.util.HostProgram;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chroot in private mount and PID namespaces (util-linux unshare). Every mount it makes lives in the
 * namespace, which the kernel tears down when its last process exits: nothing leaks, whether the command
 * succeeds, fails, or crossroot is interrupted or killed. The PID namespace makes sure no daemon a maintainer
 * script starts outlives the command.
 */
public final class ChrootSandbox implements Sandbox {
    private static final String HOST_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";

    @Override
    public String name() {
        return "chroot";
    }

    /**
     * Whether this host can run the chroot sandbox: root (its programs are in every Debian's minbase, and a missing
     * one is an error that names its package rather than a silent switch to Docker).
     */
    public static boolean available() {
        return isRoot();
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public ExecResult exec(Path root, List<String> argv, Map<String, String> env, OutputSink output)
            throws IOException, InterruptedException {
        return exec(root, argv, env, output, List.of());
    }

    @Override
    public ExecResult exec(
            Path root, List<String> argv, Map<String, String> env, OutputSink output, List<RootOverlay> overlays)
            throws IOException, InterruptedException {
        if (!isRoot()) {
            throw new UserError("The chroot sandbox needs root (it mounts /proc, /sys and /dev inside " + root
                    + "). Run crossroot as root, or choose the Docker sandbox with --sandbox docker.");
        }
        for (String dir : RootMounts.MOUNT_POINTS) {
            Files.createDirectories(root.resolve(dir));
        }
        RootMounts.HOST_PROGRAMS.forEach(HostProgram::path); // the script's own, found before it runs half-way
        // unshare ends its child (pid 1 of the namespace) when it ends itself, and the kernel ends unshare when
        // crossroot is killed outright
        List<String> args = new ArrayList<>(List.of(
                "--mount",
                "--pid",
                "--fork",
                "--kill-child",
                "--",
                HostProgram.SH.path().toString(),
                "-c",
                RootMounts.script(overlays),
                "crossroot-sandbox",
                root.toAbsolutePath().toString()));
        args.addAll(argv);
        ProcessBuilder pb = HostProcess.endingWithUs(HostProgram.UNSHARE, args)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // The environment is set here, not by an "env -i" inside the root: that would be one more emulated
        // program start (about 50 ms under qemu) for every command. The host side needs only a PATH.
        pb.environment().clear();
        pb.environment().put("PATH", HOST_PATH);
        pb.environment().putAll(env);
        Process p = HostProcess.start(pb);
        OutputLines lines = new OutputLines(output);
        try {
            try (lines) {
                p.getInputStream().transferTo(lines);
            }
            return new ExecResult(p.waitFor(), lines.tail());
        } finally {
            if (p.isAlive()) {
                HostProcess.kill(p); // unshare's child is pid 1 of the namespace: every process inside ends
                p.waitFor();
            }
        }
    }
}

package io.crossroot.sandbox;

import io.crossroot.util.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A chroot in private mount and PID namespaces (util-linux unshare). Every mount it makes lives in the
 * namespace, which the kernel tears down when its last process exits: nothing leaks, whether the command
 * succeeds, fails, or crossroot is interrupted or killed. The PID namespace makes sure no daemon a maintainer
 * script starts outlives the command.
 */
public final class ChrootSandbox implements Sandbox {
    private static final int TAIL_LINES = 40;
    /** Sandboxes running now: on Ctrl-C the JVM exits without unwinding, so a hook ends them (and their mounts). */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChrootSandbox::kill),
                "crossroot-sandbox-cleanup"));
    }

    // Runs in the host's /bin/sh inside the new namespaces, then execs chroot. $1 is the root.
    private static final String SETUP = String.join("\n",
            "set -e",
            "r=$1; shift",
            "mount --make-rprivate / 2>/dev/null || true",
            "mount -t proc proc \"$r/proc\"",
            "mount -t sysfs -o ro sysfs \"$r/sys\"",
            "mount -t tmpfs -o mode=755,nosuid dev \"$r/dev\"",
            "for n in null zero full random urandom tty; do : > \"$r/dev/$n\"; mount --bind /dev/$n \"$r/dev/$n\"; done",
            "mkdir -p \"$r/dev/pts\" \"$r/dev/shm\"",
            "mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts \"$r/dev/pts\"",
            "ln -s pts/ptmx \"$r/dev/ptmx\"",
            "ln -s /proc/self/fd \"$r/dev/fd\"",
            "ln -s /proc/self/fd/0 \"$r/dev/stdin\"; ln -s /proc/self/fd/1 \"$r/dev/stdout\"; ln -s /proc/self/fd/2 \"$r/dev/stderr\"",
            "mount -t tmpfs -o mode=1777 shm \"$r/dev/shm\"",
            "mount -t tmpfs -o mode=1777 tmp \"$r/tmp\"",
            "exec chroot \"$r\" \"$@\"");

    /** Killing unshare's child (pid 1 of the namespace) ends every process inside. */
    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @Override
    public String name() {
        return "chroot";
    }

    /** Whether this host can run the chroot sandbox: root and util-linux's unshare. */
    public static boolean available() {
        return isRoot() && Files.isExecutable(Path.of("/usr/bin/unshare"));
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
        if (!isRoot()) {
            throw new UserError("The chroot sandbox needs root (it mounts /proc, /sys and /dev inside " + root
                    + "). Run crossroot as root, or choose the Docker sandbox with --sandbox docker.");
        }
        for (String dir : List.of("proc", "sys", "dev", "tmp")) {
            Files.createDirectories(root.resolve(dir));
        }
        List<String> cmd = new ArrayList<>(List.of(
                "unshare", "--mount", "--pid", "--fork", "--kill-child", "--", "/bin/sh", "-c", SETUP, "crossroot-sandbox",
                root.toAbsolutePath().toString(), "/usr/bin/env", "-i"));
        env.forEach((k, v) -> cmd.add(k + "=" + v));
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        RUNNING.add(p);
        Deque<String> tail = new ArrayDeque<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.line(line);
                if (tail.size() == TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
            return new ExecResult(p.waitFor(), List.copyOf(tail));
        } finally {
            if (p.isAlive()) {
                kill(p);
                p.waitFor();
            }
            RUNNING.remove(p);
        }
    }
}

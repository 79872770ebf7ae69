package io.crossroot.docker;

import java.util.Optional;

/**
 * The process that made a container, written on it as a label: a crossroot killed outright (SIGKILL) runs no hook
 * to remove its containers, so the next crossroot removes every one whose maker is gone.
 */
final class ContainerOwner {
    static final String LABEL = "io.crossroot.owner";

    private ContainerOwner() {}

    /** This process as "PID@START-MILLIS": a PID alone may be reused by another process since. */
    static String current() {
        return of(ProcessHandle.current());
    }

    private static String of(ProcessHandle p) {
        return p.pid() + "@"
                + p.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    }

    /** Whether the process a label names has ended (a label crossroot did not write counts as alive). */
    static boolean isGone(String label) {
        int at = label.indexOf('@');
        long pid;
        try {
            pid = Long.parseLong(label.substring(0, Math.max(at, 0)));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isEmpty() || !of(p.get()).equals(label);
    }
}

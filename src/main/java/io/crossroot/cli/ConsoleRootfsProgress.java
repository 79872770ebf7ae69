package io.crossroot.cli;

import io.crossroot.rootfs.RootfsProgress;
import java.io.PrintStream;

/** Bootstrap phases and dpkg's output on stderr; the unpack counter redraws one line on a terminal. */
final class ConsoleRootfsProgress implements RootfsProgress {
    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();

    @Override
    public void phase(String phase, String detail) {
        err.printf("[%5.1fs] %s: %s%n", (System.nanoTime() - start) / 1e9, phase, detail);
    }

    @Override
    public void unpacked(int done, int total, String name) {
        if (terminal) {
            err.print("\runpacked " + done + "/" + total + (done == total ? "\n" : ""));
        } else if (done == total || done % 25 == 0) {
            err.println("unpacked " + done + "/" + total);
        }
    }

    @Override
    public void output(String line) {
        err.println("  " + line);
    }
}

package io.crossroot.cli;

import io.crossroot.rootfs.RootfsProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Stages on stderr, one progress bar per long phase on a terminal (unpacking, each set of maintainer scripts,
 * the build's image, disk and boot stages); script output and per-package steps go to the log.
 */
final class ConsoleRootfsProgress implements RootfsProgress, AutoCloseable {
    /** Stages with no count of their own: on a terminal their bar shows the time spent. */
    private static final java.util.Set<String> TIMED_STAGES = java.util.Set.of("image", "disk", "boot");

    private final RunLog log;
    private final long start = System.nanoTime();
    private ProgressBar bar;
    private String barTask;

    ConsoleRootfsProgress(RunLog log) {
        this.log = log;
    }

    @Override
    public synchronized void phase(String phase, String detail) {
        closeBar();
        log.stage(String.format("[%5.1fs] %s: %s", (System.nanoTime() - start) / 1e9, phase, detail));
        if (TIMED_STAGES.contains(phase)) {
            openBar(phase, -1);
        }
    }

    @Override
    public synchronized void unpacked(int done, int total, String name) {
        log.detail("unpacked " + done + "/" + total + " " + name);
        step("unpack", done, total);
    }

    @Override
    public synchronized void scriptDone(String script, int done, int total) {
        log.detail(script + " scripts done: " + done + "/" + total);
        step(script, done, total);
    }

    @Override
    public void output(String line) {
        log.detail("  " + line);
    }

    private void step(String task, int done, int total) {
        if (!bars()) {
            return;
        }
        if (bar == null || !task.equals(barTask)) {
            closeBar();
            openBar(task, total);
        }
        bar.stepTo(done);
        if (done == total) {
            closeBar();
        }
    }

    /** Bars redraw a line: only on a terminal, and not while --verbose interleaves the log's lines. */
    private boolean bars() {
        return log.terminal() && !log.verbose();
    }

    private void openBar(String task, long max) {
        if (!bars()) {
            return;
        }
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(max)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        barTask = task;
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            barTask = null;
        }
    }

    @Override
    public synchronized void close() {
        closeBar();
    }
}

package io.crossroot.cli;

import io.crossroot.debian.DownloadListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows downloads on stderr: a progress bar on a terminal; otherwise one line per finished file, in the command's
 * log when it keeps one (then one summary line on stderr at the end). Thread-safe; parallel downloads share one bar
 * whose total grows as files start.
 */
final class DownloadProgress implements DownloadListener, AutoCloseable {
    private final PrintStream err = System.err;
    private final boolean terminal = RunLog.stderrIsTerminal();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong fetched = new AtomicLong();
    private final RunLog log = RunLog.current();
    private int files;
    private int inFlight;
    private ProgressBar bar;

    @Override
    public synchronized void started(String name, long size) {
        total.addAndGet(size);
        inFlight++;
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName("download")
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" MiB", 1 << 20)
                        .setInitialMax(size)
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                        .build();
            } else {
                bar.maxHint(total.get());
            }
        }
    }

    @Override
    public void progress(String name, long bytes) {
        fetched.addAndGet(bytes);
        ProgressBar b = bar;
        if (b != null) {
            b.stepBy(bytes);
        }
    }

    @Override
    public void finished(String name, Path file, boolean cached) {
        if (cached) {
            return;
        }
        String line = String.format("fetched %s (%.1f MiB)", name, sizeOf(file) / 1048576.0);
        synchronized (this) {
            files++;
            if (--inFlight == 0 && bar != null) {
                // the phase's downloads are done: the next phase's bar gets the line
                bar.close();
                bar = null;
                total.set(0);
            }
            if (log != null) {
                log.detail(line);
            } else if (!terminal) {
                err.println(line);
            }
        }
    }

    private static long sizeOf(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    long bytesFetched() {
        return fetched.get();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (log != null && !terminal && files > 0) {
            log.stage(String.format("download: %d files, %.1f MiB", files, fetched.get() / 1048576.0));
            files = 0;
        }
    }
}

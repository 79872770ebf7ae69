package io.crossroot.cli;

import io.crossroot.util.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One-time JDK and library set-up that commands meet early and one at a time, done on a second thread while the
 * main one builds the command line (single-threaded work, so the second core can take it when the JIT leaves it
 * room). Each item is what the command would otherwise do itself on its way to its first byte of real work;
 * running it here first changes no result, only when it is paid.
 */
final class StartupWork {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch COMMAND_LINE_BUILT = new CountDownLatch(1);

    private StartupWork() {}

    static void begin() {
        if (STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("crossroot-startup").start(StartupWork::run);
        }
    }

    /** Main's command line is built: what the command itself needs first is under way, the rest may go. */
    static void commandLineBuilt() {
        COMMAND_LINE_BUILT.countDown();
    }

    private static void run() {
        // The first resource lookup on the class path opens crossroot's jar and indexes its 11,000 entries (30 ms);
        // every ServiceLoader waits for that, such as the one that picks the platform logger at the first process
        // start (getfattr, qemu, mke2fs).
        StartupWork.class.getClassLoader().getResource("META-INF/MANIFEST.MF");
        System.getLogger(ProcessBuilder.class.getName());
        // Unix-domain sockets (the engine API) seed a SecureRandom at their first use: 10 ms.
        try {
            SocketChannel.open(StandardProtocolFamily.UNIX).close();
        } catch (IOException | UnsupportedOperationException e) {
            // then the command meets the same failure, and reports it
        }
        // jackson-core's parser and generator (the engine's answers, image configs) are needed later than the
        // command line, and on two cores setting both up at once delays the command line. The mapper (--json
        // output, recipes) is left to the commands that use it: its set-up alone is 60 ms of CPU.
        try {
            COMMAND_LINE_BUILT.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            return;
        }
        try {
            Json.read(Json.bytes(Json.object())); // the engine's answers and the image configs
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

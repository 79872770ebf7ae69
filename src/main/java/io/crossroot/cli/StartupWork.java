package io.crossroot.cli;

import io.crossroot.util.Json;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One-time JDK and library set-up that commands meet early and one at a time, done on a second thread while the
 * main one builds the command line (the other core is idle then). Each item is what the command would otherwise do
 * itself on its way to its first byte of real work; running it here first changes no result, only when it is paid.
 */
final class StartupWork {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private StartupWork() {}

    static void begin() {
        if (STARTED.compareAndSet(false, true)) {
            Thread.ofPlatform().daemon().name("crossroot-startup").start(StartupWork::run);
        }
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
        // Jackson's first ObjectMapper: 90 ms (JSON output, recipes, the engine's answers)
        Json.mapper();
    }
}

package io.crossroot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host's available memory (MemAvailable of /proc/meminfo), to bound parallel builds. */
final class Memory {
    private Memory() {}

    static long available() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: assume one build's worth
        }
        return 4L << 30;
    }
}

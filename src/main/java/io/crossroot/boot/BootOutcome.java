package io.crossroot.boot;

import java.util.List;

/** How a boot ended: the expected text appeared, or why not, with the console's last lines. */
public record BootOutcome(boolean success, String reason, List<String> lastLines, long millis) {}

package io.crossroot.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -j/--jobs} option of the commands that run maintainer scripts: how many run side by side. The root
 * is the same whatever the number (scripts that share state take turns in one fixed order), only the time differs.
 */
final class ScriptJobsOption {
    @Option(
            names = {"-j", "--jobs"},
            converter = Converters.PositiveCount.class,
            paramLabel = "N",
            description = "Maintainer scripts run side by side (default: the cores). The result is the same for any N.")
    Integer jobs;

    /** The number asked for, else one per core. */
    int workers() {
        return jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    }
}

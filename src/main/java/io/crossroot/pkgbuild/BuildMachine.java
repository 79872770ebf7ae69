package io.crossroot.pkgbuild;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a build command in a virtual machine booted from the build root, for {@link Emulation#SYSTEM}. */
public interface BuildMachine {
    /** The packages a root of {@code debianArch} needs to boot: its kernel and what makes the initramfs. */
    List<String> bootPackages(String debianArch);

    /**
     * Boots {@code root}, runs {@code command} with exactly {@code env} in it, streams the console to {@code log}, and
     * afterwards copies the regular files under {@code home} that match {@code artifacts} (globs relative to it) back
     * into the host's copy of the root.
     */
    Run run(
            Path root,
            List<String> command,
            Map<String, String> env,
            String home,
            List<String> artifacts,
            Consumer<String> log)
            throws IOException, InterruptedException;

    /** The command's exit status (non-zero also when the machine never got to run it) and its wall time. */
    record Run(int exitCode, Duration wall) {}
}

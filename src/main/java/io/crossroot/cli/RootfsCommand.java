package io.crossroot.cli;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.oci.BuildOptions;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsRequest;
import io.crossroot.rootfs.RootfsResult;
import io.crossroot.util.PhaseTimer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "rootfs",
        mixinStandardHelpOptions = true,
        description =
                "Build a foreign-architecture Debian root filesystem (a directory or a .tar) from a Debian mirror: "
                        + "packages are unpacked natively, only maintainer scripts run under qemu. Needs root and a binfmt entry.")
final class RootfsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--arch",
            required = true,
            paramLabel = "ARCH",
            description = "Target architecture (e.g. riscv64, arm64).")
    String arch;

    @Option(
            names = "--suite",
            converter = Converters.Suite.class,
            defaultValue = "trixie",
            paramLabel = "SUITE",
            description = "Debian suite (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(
            names = "--variant",
            defaultValue = "minbase",
            paramLabel = "NAME",
            description =
                    "Package set as in mmdebstrap: essential, apt, minbase, buildd, important, standard (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(
            names = "--include",
            split = ",",
            paramLabel = "PKG",
            description = "Further packages (comma-separated, repeatable).")
    List<String> include = new ArrayList<>();

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT",
            description = "Output: a directory (absent or empty), or a file ending in .tar.")
    Path output;

    @Option(
            names = "--fresh",
            description =
                    "Run every step even when an earlier build made a root from exactly "
                            + "the same packages (by default that root is copied from the cache); the cache keeps the new root.")
    boolean fresh;

    @Option(
            names = "--emulate-all",
            description = "Run every program of the maintainer scripts under emulation. By "
                    + "default, while a set with an initramfs is configured, depmod runs as the host's build of the same kmod "
                    + "version, which writes the same indexes in a fraction of the time.")
    boolean emulateAll;

    @Option(
            names = "--source-date-epoch",
            paramLabel = "SECONDS",
            description = "Pin the root to this time: mtimes past it are clamped to it, and the password-change day in "
                    + "/etc/shadow is its day (default: $SOURCE_DATE_EPOCH, else the times stay as built).")
    Long sourceDateEpoch;

    @Mixin
    ScriptJobsOption scriptJobs;

    @Mixin
    JsonOption json;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    SandboxOptions sandbox;

    @Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() {
        OutputChecks.of(spec).output("-o", output);
        String debianArch = ArchCatalog.require(arch).debian();
        RootfsResult result;
        // beside the output, never inside: a directory output is the root itself
        RunLog log = verbosity.open("rootfs", output.resolveSibling(output.getFileName() + ".log"));
        try (log;
                DownloadProgress downloads = new DownloadProgress();
                ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
            RootfsRequest request = new RootfsRequest(debianArch, Variant.fromName(variant), include, output);
            DebianRepository repo = repository.open(suite);
            result = new RootfsBuilder(
                            repo,
                            sandbox.openFor(List.of(debianArch), repo, downloads, log.detailWriter()),
                            downloads,
                            progress)
                    .cachePolicy(fresh ? RootfsBuilder.CachePolicy.REFRESH : RootfsBuilder.CachePolicy.REUSE)
                    .nativeHelpers(!emulateAll)
                    .reproducibility(new RootfsBuilder.Reproducibility(
                            scriptJobs.workers(),
                            sourceDateEpoch != null
                                    ? OptionalLong.of(sourceDateEpoch)
                                    : BuildOptions.fromEnvironment()))
                    .build(request);
        }
        Path kept = log.succeeded();
        json.print(
                () -> summary(result),
                out -> out.println(result.output() + ": " + result.packages().size() + " packages (" + result.variant()
                        + ", " + result.suite() + ", " + result.arch() + ")"));
        System.err.println(PhaseTimer.summary(phases(result)));
        System.err.println("log: " + kept);
        return 0;
    }

    private static Map<String, Object> summary(RootfsResult result) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("arch", result.arch());
        r.put("suite", result.suite());
        r.put("variant", result.variant());
        r.put("packages", result.packages().size());
        r.put("reusedConfiguredRoot", result.reusedConfiguredRoot());
        r.put("timings", PhaseTimer.inSeconds(phases(result)));
        r.put("output", result.output().toString());
        return r;
    }

    /** The result's phase times in the order the phases run. */
    private static Map<String, Duration> phases(RootfsResult result) {
        Map<String, Duration> phases = new LinkedHashMap<>();
        RootfsResult.PHASES.stream()
                .filter(result.timings()::containsKey)
                .forEach(p -> phases.put(p, result.timings().get(p)));
        return phases;
    }
}

package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.lock.LockRequest;
import io.crossroot.lock.LockedPackages;
import io.crossroot.lock.LockedSet;
import io.crossroot.oci.BuildOptions;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsRequest;
import io.crossroot.rootfs.RootfsResult;
import io.crossroot.rootfs.RpmRootfsBuilder;
import io.crossroot.rootfs.RpmRootfsRequest;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.sandbox.NoSandbox;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.sbom.RootSbom;
import io.crossroot.util.Dirs;
import io.crossroot.util.PhaseTimer;
import io.crossroot.util.UsageError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
                "Build a foreign-architecture root filesystem (a directory or a .tar) from a Debian mirror or rpm-md "
                        + "repositories: packages are unpacked natively, only maintainer scripts and scriptlets run under "
                        + "qemu. Needs root and a binfmt entry.")
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
            paramLabel = "NAME",
            description =
                    "Package set as in mmdebstrap: essential, apt, minbase, buildd, important, standard, custom "
                            + "(only the --include packages and their dependencies; default: minbase, custom with --no-scripts).")
    String variant;

    @Option(
            names = "--no-scripts",
            description = "Build natively only: unpack the packages and write dpkg's database, with no emulation "
                    + "and no maintainer script. A package with a preinst, config or postinst is refused unless "
                    + "--skip-scripts-of names it.")
    boolean noScripts;

    @Option(
            names = "--skip-scripts-of",
            split = ",",
            paramLabel = "PKG",
            description = "With --no-scripts: packages whose installation scripts the root can do without.")
    List<String> skipScriptsOf = new ArrayList<>();

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
    SbomOption sbom;

    @Mixin
    RepositoryOptions repository;

    @Mixin
    RpmRepositoryOptions rpmRepository;

    @Mixin
    SandboxOptions sandbox;

    @Mixin
    LockOptions lock;

    @Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() throws IOException {
        OutputChecks.of(spec).output("-o", output);
        if (!noScripts && !skipScriptsOf.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--skip-scripts-of applies only with --no-scripts.");
        }
        if (rpmRepository.isRpmMd(repository.mirrors())) {
            return buildRpm();
        }
        rpmRepository.requireUnusedForDebian();
        String debianArch = ArchCatalog.require(arch).debian();
        RootfsResult result;
        // beside the output, never inside: a directory output is the root itself
        RunLog log = verbosity.open("rootfs", output.resolveSibling(output.getFileName() + ".log"));
        try (log;
                DownloadProgress downloads = new DownloadProgress();
                ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
            String variantName = variant != null ? variant : noScripts ? "custom" : "minbase";
            RootfsRequest request = new RootfsRequest(debianArch, Variant.fromName(variantName), include, output);
            DebianRepository repo = repository.open(suite);
            Optional<LockedPackages> locked = lock.prepare(
                    spec,
                    LockRequest.of(suite, List.of(debianArch), variantName, include),
                    repo,
                    repo,
                    EnumSet.of(LockedSet.Role.ROOTFS, LockedSet.Role.QEMU),
                    downloads);
            DebianRepository source =
                    locked.map(l -> l.repository(LockedSet.Role.ROOTFS)).orElse(repo);
            // without scripts nothing runs inside the root: no binfmt entry is checked, no sandbox set up
            Sandbox inside = noScripts
                    ? new NoSandbox()
                    : sandbox.openFor(List.of(debianArch), source, downloads, log.detailWriter(), locked);
            RootfsBuilder builder = new RootfsBuilder(source, inside, downloads, progress)
                    .cachePolicy(fresh ? RootfsBuilder.CachePolicy.REFRESH : RootfsBuilder.CachePolicy.REUSE)
                    .nativeHelpers(!emulateAll)
                    .sbom(sbom.format)
                    .reproducibility(new RootfsBuilder.Reproducibility(
                            scriptJobs.workers(),
                            sourceDateEpoch != null
                                    ? OptionalLong.of(sourceDateEpoch)
                                    : BuildOptions.fromEnvironment()));
            if (noScripts) {
                builder = builder.withoutScripts(Set.copyOf(skipScriptsOf));
            }
            result = locked.map(builder::locked).orElse(builder).build(request);
        }
        RootSbom.writeBeside(result.output(), result.inventory(), sbom.format);
        Path kept = log.succeeded();
        json.print(
                () -> summary(result),
                out -> out.println(result.output() + ": " + result.packages().size() + " packages (" + result.variant()
                        + ", " + result.suite() + ", " + result.arch() + ")"));
        System.err.println(PhaseTimer.summary(phases(result)));
        System.err.println("log: " + kept);
        return 0;
    }

    /** The root from rpm-md repositories: host tools and qemu still come from the Debian mirror. */
    private int buildRpm() throws IOException {
        refuseDebianOnlyOptions();
        Arch target = ArchCatalog.require(arch);
        RootfsResult result;
        RunLog log = verbosity.open("rootfs", output.resolveSibling(output.getFileName() + ".log"));
        try (log;
                DownloadProgress downloads = new DownloadProgress();
                ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
            List<RpmMdRepository> repos = rpmRepository.open(
                    repository.mirrors(),
                    repository.keyrings(),
                    target.rpm(),
                    Dirs.cache().resolve("rpm-md"));
            DebianRepository host = repository.openHost(suite);
            Sandbox inside =
                    sandbox.openFor(List.of(target.debian()), host, downloads, log.detailWriter(), Optional.empty());
            result = new RpmRootfsBuilder(repos, host, inside, downloads, progress)
                    .sbom(sbom.format)
                    .sourceDateEpoch(
                            sourceDateEpoch != null ? OptionalLong.of(sourceDateEpoch) : BuildOptions.fromEnvironment())
                    .build(new RpmRootfsRequest(
                            target.rpm(), RpmRepositoryOptions.RPM_MD, include, rpmRepository.weakDeps(), output));
        }
        if (result.inventory() != null) {
            RootSbom.writeBeside(result.output(), result.inventory(), sbom.format);
        }
        Path kept = log.succeeded();
        json.print(
                () -> {
                    Map<String, Object> r = summary(result);
                    r.remove("suite");
                    r.remove("variant");
                    r.put("repoType", RpmRepositoryOptions.RPM_MD);
                    r.put("repositories", repos(repository.mirrors()));
                    return r;
                },
                out -> out.println(result.output() + ": " + result.packages().size() + " packages (rpm-md, "
                        + target.rpm() + ")"));
        System.err.println(PhaseTimer.summary(phases(result)));
        System.err.println("log: " + kept);
        return 0;
    }

    private List<String> repos(List<java.net.URI> mirrors) {
        List<String> out = new ArrayList<>();
        mirrors.forEach(m -> out.add(m.toString()));
        rpmRepository.repoFiles.forEach(f -> out.add(f.toString()));
        return out;
    }

    /** Options that mean something for Debian mirrors only: a usage error, not silently ignored. */
    private void refuseDebianOnlyOptions() {
        var parsed = spec.commandLine().getParseResult();
        for (String option :
                List.of("--suite", "--variant", "--no-scripts", "--skip-scripts-of", "--snapshot", "--emulate-all")) {
            if (parsed.hasMatchedOption(option)) {
                throw new UsageError(option + " applies to Debian mirrors only, and this build reads rpm-md "
                        + "repositories: drop it (the release of an rpm-md repository is --releasever; a root "
                        + "without scripts is not offered for rpm-md yet).");
            }
        }
        if (lock.file != null || lock.update) {
            throw new UsageError("--locked and --update-lock cover Debian repositories only for now; build this "
                    + "rpm-md root without them.");
        }
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

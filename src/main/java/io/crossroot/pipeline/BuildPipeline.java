package io.crossroot.pipeline;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.boot.BootOutcome;
import io.crossroot.boot.BootProfile;
import io.crossroot.boot.BootRunner;
import io.crossroot.boot.BootableDiskBuilder;
import io.crossroot.boot.SystemSettings;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.disk.DiskLayoutFile;
import io.crossroot.disk.DiskPlan;
import io.crossroot.lock.LockedPackages;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.OciImageWriter;
import io.crossroot.oci.WrittenImage;
import io.crossroot.qemu.EmulationSetup;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.rootfs.RootfsRequest;
import io.crossroot.rootfs.RootfsResult;
import io.crossroot.rootfs.RpmRootfsBuilder;
import io.crossroot.rootfs.RpmRootfsRequest;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.sbom.RootSbom;
import io.crossroot.sbom.SbomFormat;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.Dirs;
import io.crossroot.util.ExitCleanup;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The whole workflow in one run: emulation set up, root file system (from a Debian mirror or, for an rpm-md recipe,
 * its repositories), container image, bootable disk, boot check. Everything goes below one output directory; a
 * failed or interrupted run removes it. Host tools and qemu always come from the Debian mirror.
 */
public final class BuildPipeline {
    /** Stage names, in order. */
    public static final List<String> STAGES = List.of("emulation", "rootfs", "image", "disk", "boot");

    private final DebianRepository repo;
    private final Sandbox sandbox;
    private final DownloadListener downloads;
    private final RootfsProgress progress;
    private final Supplier<Toolbox> toolbox;
    private final OutputStream console;
    private LockedPackages locked; // null: resolve against the mirror
    private SbomFormat sbom = SbomFormat.SPDX;
    private int scriptWorkers = RootfsBuilder.Reproducibility.DEFAULT.workers();

    public BuildPipeline(
            DebianRepository repo,
            Sandbox sandbox,
            DownloadListener downloads,
            RootfsProgress progress,
            Supplier<Toolbox> toolbox,
            OutputStream console) {
        this.repo = repo;
        this.sandbox = sandbox;
        this.downloads = downloads;
        this.progress = progress;
        this.toolbox = toolbox;
        this.console = console;
    }

    /** This pipeline running {@code workers} maintainer scripts side by side (default: one per core). */
    public BuildPipeline scriptWorkers(int workers) {
        this.scriptWorkers = workers;
        return this;
    }

    /** Installs a lockfile's packages (fetched and checked beforehand) instead of resolving: qemu and the root. */
    public BuildPipeline locked(LockedPackages packages) {
        this.locked = packages;
        return this;
    }

    /** The inventory formats the root carries and OUT/rootfs.spdx.json (and .cdx.json) repeat. */
    public BuildPipeline sbom(SbomFormat format) {
        this.sbom = format;
        return this;
    }

    /** What the run produced and how long each stage took. */
    public record Result(
            Path output,
            Path rootfs,
            int packages,
            WrittenImage image,
            Path disk,
            Path bootImage,
            BootOutcome boot,
            Map<String, Duration> stages,
            Duration total) {}

    public Result run(BuildRecipe recipe, Path output, boolean bootCheck) throws Exception {
        Arch arch = ArchCatalog.require(recipe.arch());
        BootProfile profile = BootProfile.parse(recipe.profile());
        DiskPlan plan =
                DiskPlan.of(DiskLayoutFile.parseYaml(recipe.layout(), "the recipe's layout"), sourceDateEpoch());
        Path out = output.toAbsolutePath().normalize();
        if (Files.exists(out)) {
            throw new UserError(
                    out + " already exists. crossroot build writes a new directory: choose another -o or delete it.");
        }
        Files.createDirectories(out);
        try (ExitCleanup cleanup = ExitCleanup.register("crossroot-build-cleanup", () -> Trees.deleteQuietly(out))) {
            Result r = stages(recipe, arch, profile, plan, out, bootCheck);
            cleanup.dismiss(); // a failure or Ctrl-C leaves no half-built output; success keeps it
            return r;
        }
    }

    private Result stages(
            BuildRecipe recipe, Arch arch, BootProfile profile, DiskPlan plan, Path out, boolean bootCheck)
            throws Exception {
        StageTimings t = new StageTimings();
        progress.phase("emulation", "qemu for " + arch.debian());
        t.time(
                "emulation",
                () -> EmulationSetup.ensure(
                        repo,
                        List.of(arch),
                        downloads,
                        Optional.ofNullable(locked).map(l -> l.qemu().paragraph())));
        Path rootfs = out.resolve("rootfs");
        RootfsResult root = t.time(
                "rootfs",
                () -> recipe.isRpmMd()
                        ? rpmRootfs(recipe, arch, rootfs)
                        : rootfsBuilder()
                                .sbom(sbom)
                                .reproducibility(new RootfsBuilder.Reproducibility(
                                        scriptWorkers, BuildOptions.fromEnvironment()))
                                .build(new RootfsRequest(
                                        arch.debian(), Variant.fromName(recipe.variant()), recipe.include(), rootfs)));
        if (root.inventory() != null) {
            RootSbom.writeBeside(rootfs, root.inventory(), sbom);
        }
        Toolbox tools = toolbox.get();
        progress.phase("image", "the OCI image " + recipe.image().tag());
        WrittenImage image = t.time(
                "image",
                () -> new OciImageWriter(ImageConfig.defaults(), BuildOptions.defaults(), tools)
                        .write(
                                Map.of(arch, rootfs),
                                ImageReference.parse(recipe.image().tag()),
                                out.resolve("oci")));
        SystemSettings settings = new SystemSettings(recipe.hostname(), recipe.emptyRootPassword() ? "" : null);
        progress.phase("disk", "a bootable " + profile.id() + " disk");
        BootableDiskBuilder.Result disk = t.time(
                "disk",
                () -> new BootableDiskBuilder(tools)
                        .build(plan, profile, rootfs, settings, null, out.resolve("disk.img"), recipe.qcow2()));
        BootOutcome boot = null;
        if (bootCheck) {
            progress.phase(
                    "boot",
                    "waiting up to " + recipe.boot().timeoutSeconds() + " s for "
                            + recipe.boot().expect());
            boot = t.time(
                    "boot",
                    () -> new BootRunner(tools)
                            .boot(
                                    disk.bootImage(),
                                    disk.boot(),
                                    Pattern.compile(recipe.boot().expect()),
                                    Duration.ofSeconds(recipe.boot().timeoutSeconds()),
                                    console));
            if (!boot.success()) {
                throw new UserError("The image " + disk.bootImage() + " did not boot: " + boot.reason()
                        + ". Last console lines:\n  | " + String.join("\n  | ", boot.lastLines()));
            }
        }
        return new Result(
                out,
                rootfs,
                root.packages().size(),
                image,
                disk.image().path(),
                disk.bootImage(),
                boot,
                t.stages(),
                t.total());
    }

    /** An rpm-md recipe's root: its repositories for the architecture, host tools from the Debian mirror. */
    private RootfsResult rpmRootfs(BuildRecipe recipe, Arch arch, Path rootfs) {
        List<RpmMdRepository> repos =
                recipe.rpmRepos().open(arch.rpm(), Dirs.cache().resolve("rpm-md"));
        return new RpmRootfsBuilder(repos, repo, sandbox, downloads, progress)
                .sbom(sbom)
                .sourceDateEpoch(BuildOptions.fromEnvironment())
                .build(new RpmRootfsRequest(
                        arch.rpm(), recipe.release(), recipe.include(), recipe.installsWeakDeps(), rootfs));
    }

    private RootfsBuilder rootfsBuilder() {
        RootfsBuilder builder = new RootfsBuilder(repo, sandbox, downloads, progress);
        return locked == null ? builder : builder.locked(locked);
    }

    private static long sourceDateEpoch() {
        return BuildOptions.fromEnvironment().orElse(0);
    }
}

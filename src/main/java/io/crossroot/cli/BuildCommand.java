package io.crossroot.cli;

import io.crossroot.debian.DebianRepository;
import io.crossroot.lock.LockRequest;
import io.crossroot.lock.LockedPackages;
import io.crossroot.lock.LockedSet;
import io.crossroot.pipeline.BuildPipeline;
import io.crossroot.pipeline.BuildRecipe;
import io.crossroot.util.UsageError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "build",
        mixinStandardHelpOptions = true,
        description = "The whole workflow: register emulation, bootstrap the root file system, write its OCI image, "
                + "assemble a bootable disk and boot it to a login prompt. Without RECIPE: crossroot's embedded "
                + "default, Debian trixie riscv64 for QEMU's virt board.")
final class BuildCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "RECIPE",
            description = "Build recipe (YAML), or the name of one crossroot ships: openeuler-24.03-riscv64, "
                    + "openeuler-24.03-aarch64, openeuler-24.03-x86_64, fedora-43-aarch64, fedora-43-x86_64, "
                    + "fedora-43-riscv64. Default: the embedded Debian one.")
    Path recipeFile;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "crossroot-build",
            paramLabel = "DIR",
            description =
                    "New directory for rootfs/, oci/, disk.img, disk.qcow2, start_vm.sh (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--no-boot", description = "Skip the boot check.")
    boolean noBoot;

    @Option(
            names = "--print-recipe",
            description = "Print the recipe that would be built (YAML, a recipe file itself) and stop.")
    boolean printRecipe;

    @Mixin
    ScriptJobsOption scriptJobs;

    @Mixin
    JsonOption json;

    @Mixin
    SandboxOptions sandbox;

    @Mixin
    ToolboxOptions toolbox;

    @Mixin
    VerboseOption verbosity;

    @Mixin
    LockOptions lock;

    @Mixin
    SbomOption sbom;

    @Override
    public Integer call() throws Exception {
        OutputChecks.of(spec).input("RECIPE", recipeFile).output("-o", output);
        BuildRecipe recipe = recipe();
        if (printRecipe) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(recipe.toYaml());
            out.flush();
            return 0;
        }
        BuildPipeline.Result r;
        RunLog log = verbosity.open("build", output.resolve("crossroot.log"));
        try (log;
                DownloadProgress downloads = new DownloadProgress();
                ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
            if (recipe.isRpmMd() && (lock.file != null || lock.update)) {
                throw new UsageError("--locked and --update-lock cover Debian repositories only for now; build this "
                        + "rpm-md recipe without them.");
            }
            // an rpm-md recipe names its own repositories: the Debian mirror serves host tools and qemu only
            DebianRepository repo = toolbox.repository.open(recipe.isRpmMd() ? toolbox.suite : recipe.suite());
            Optional<LockedPackages> locked = recipe.isRpmMd()
                    ? Optional.empty()
                    : lock.prepare(
                            spec,
                            LockRequest.of(recipe.suite(), List.of(recipe.arch()), recipe.variant(), recipe.include()),
                            repo,
                            toolbox.repositoryBeside(repo),
                            EnumSet.allOf(LockedSet.Role.class),
                            downloads);
            toolbox.locked = locked.orElse(null);
            DebianRepository source =
                    locked.map(l -> l.repository(LockedSet.Role.ROOTFS)).orElse(repo);
            BuildPipeline pipeline = new BuildPipeline(
                    source,
                    sandbox.open(source, downloads, log.detailWriter()),
                    downloads,
                    progress,
                    toolbox::open,
                    log.detailStream());
            locked.ifPresent(pipeline::locked);
            pipeline.scriptWorkers(scriptJobs.workers());
            r = pipeline.sbom(sbom.format).run(recipe, output, !noBoot);
        }
        Path kept = log.succeeded();
        json.print(() -> summary(recipe, r, kept), text -> printSummary(text, recipe, r, kept));
        return 0;
    }

    /** The recipe file, else the shipped recipe of that name, else the embedded default. */
    private BuildRecipe recipe() {
        if (recipeFile == null) {
            return BuildRecipe.embeddedDefault();
        }
        String name = recipeFile.toString();
        if (!Files.exists(recipeFile) && BuildRecipe.SHIPPED.contains(name)) {
            return BuildRecipe.shipped(name);
        }
        return BuildRecipe.read(recipeFile);
    }

    private static Map<String, Object> summary(BuildRecipe recipe, BuildPipeline.Result r, Path kept) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output", r.output().toString());
        m.put("arch", recipe.arch());
        m.put(recipe.isRpmMd() ? "distro" : "suite", recipe.release());
        m.put("packages", r.packages());
        m.put("image", r.image().layout().toString());
        m.put("disk", r.disk().toString());
        m.put("bootImage", r.bootImage().toString());
        m.put("booted", r.boot() != null && r.boot().success());
        m.put("log", kept.toString());
        Map<String, Double> t = new LinkedHashMap<>();
        r.stages().forEach((k, v) -> t.put(k, seconds(v)));
        t.put("total", seconds(r.total()));
        m.put("seconds", t);
        return m;
    }

    private static void printSummary(PrintWriter out, BuildRecipe recipe, BuildPipeline.Result r, Path kept) {
        out.println("built " + recipe.release() + " " + recipe.arch() + " (" + r.packages() + " packages) in "
                + r.output());
        out.println("  rootfs:  " + r.rootfs());
        out.println("  image:   " + r.image().layout() + " (" + recipe.image().tag() + ")");
        out.println("  disk:    " + r.bootImage() + "  (start it with "
                + r.bootImage().resolveSibling("start_vm.sh") + ")");
        if (r.boot() != null) {
            out.println("  boot:    " + r.boot().reason());
        }
        out.println("  log:     " + kept);
        List<List<String>> rows = new ArrayList<>();
        r.stages().forEach((k, v) -> rows.add(List.of(k, String.format("%.1f s", seconds(v)))));
        rows.add(List.of("total", String.format("%.1f s", seconds(r.total()))));
        Output.table(out, List.of("STAGE", "TIME"), rows);
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }
}

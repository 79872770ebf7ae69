package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.debian.DebianRepository;
import io.crossroot.docker.DockerClient;
import io.crossroot.docker.ImageLoader;
import io.crossroot.docker.LoadedImage;
import io.crossroot.image.ImageRecipe;
import io.crossroot.image.RecipeImageBuilder;
import io.crossroot.image.RecipeReader;
import io.crossroot.lock.LockRequest;
import io.crossroot.lock.LockedPackages;
import io.crossroot.lock.LockedSet;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.DockerArchive;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.LayerCompression;
import io.crossroot.oci.PlatformImage;
import io.crossroot.oci.WrittenImage;
import io.crossroot.oci.tree.LayerSources;
import io.crossroot.sandbox.NoSandbox;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.PhaseTimer;
import io.crossroot.util.UsageError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "image",
        mixinStandardHelpOptions = true,
        description =
                "Build foreign-architecture container images (OCI layout, docker-archive) and load them into Docker or Podman.",
        subcommands = {ImageCommand.Build.class, ImageCommand.Load.class})
final class ImageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (build, load)");
    }

    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = "Build one Debian root filesystem per architecture and write them as one image: an OCI "
                    + "layout whose index names every platform under one tag. Flags override the recipe.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "RECIPE.yaml", description = "Image recipe (see examples/).")
        Path recipe;

        @Option(
                names = "--arch",
                split = ",",
                paramLabel = "A,B",
                description = "Architectures (replace the recipe's).")
        List<String> arches;

        @Option(
                names = "--suite",
                converter = Converters.Suite.class,
                paramLabel = "SUITE",
                description = "Debian suite (default: the recipe's, else trixie).")
        String suite;

        @Option(
                names = "--variant",
                paramLabel = "NAME",
                description = "Package set: essential, apt, minbase, buildd, ..., custom (default: minbase; custom, "
                        + "only the --include packages and their dependencies, with --no-scripts).")
        String variant;

        @Option(
                names = "--no-scripts",
                description = "Build natively only, like apko: unpack the packages and write dpkg's database, with no "
                        + "emulation and no maintainer script. A package with a preinst, config or postinst is refused "
                        + "unless --skip-scripts-of names it. Recipe: 'scripts: false'.")
        boolean noScripts;

        @Option(
                names = "--skip-scripts-of",
                split = ",",
                paramLabel = "PKG",
                description = "With --no-scripts: packages whose installation scripts the image can do without "
                        + "(recipe: 'skipScriptsOf:').")
        List<String> skipScriptsOf = new ArrayList<>();

        @Option(names = "--include", split = ",", paramLabel = "PKG", description = "Further packages.")
        List<String> include = new ArrayList<>();

        @Option(names = "--tag", paramLabel = "NAME[:TAG]", description = "Image name (default: the recipe's tag).")
        String tag;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "DIR",
                description = "OCI image layout directory to write (needed unless --load).")
        Path output;

        @Option(
                names = "--docker-archive",
                paramLabel = "FILE",
                description =
                        "Also write a tar that is both a docker-archive ('docker load -i FILE') and an OCI layout.")
        Path dockerArchive;

        @Option(
                names = "--compression",
                defaultValue = "gzip",
                paramLabel = "gzip|zstd|none",
                description = "Layer compression (default: ${DEFAULT-VALUE}; none is fastest for a local --load).")
        String compression;

        @Option(
                names = "--source-date-epoch",
                paramLabel = "SECONDS",
                description =
                        "Creation time and newest mtime kept (default: $SOURCE_DATE_EPOCH, else the newest file).")
        Long sourceDateEpoch;

        @Option(
                names = "--rootfs",
                paramLabel = "[ARCH=]DIR|TAR",
                converter = RootfsTree.Converter.class,
                description = "Package existing root filesystems (directories or tars, e.g. from 'crossroot rootfs') "
                        + "instead of building them: ARCH=PATH, repeated, one per architecture, or one PATH for the "
                        + "one --arch. The recipe's image settings still apply.")
        List<RootfsTree> rootfs;

        @Option(
                names = "--load",
                description = "Load the image into the engine (see 'image load'). Without -o the "
                        + "trees are streamed straight to the engine, uncompressed: the fastest way to a local image.")
        boolean load;

        @Mixin
        ScriptJobsOption scriptJobs;

        @Mixin
        ToolboxOptions toolbox; // its getfattr reads the trees' extended attributes; its mirror options are the build's

        @Mixin
        SandboxOptions sandbox;

        @Mixin
        JsonOption json;

        @Mixin
        SbomOption sbom;

        /** Neither output may replace the recipe, a --rootfs tree, or the other output. */
        private void checkOutputs() {
            OutputChecks checks = OutputChecks.of(spec).input("RECIPE", recipe);
            if (rootfs != null) {
                rootfs.forEach(tree -> checks.input("--rootfs", tree.path()));
            }
            checks.output("-o", output).input("-o", output).output("--docker-archive", dockerArchive);
        }

        @Mixin
        VerboseOption verbosity;

        @Mixin
        LockOptions lock;

        private RunLog log;

        private Optional<LockedPackages> locked = Optional.empty();

        @Override
        public Integer call() throws Exception {
            // beside the layout, not inside it: the directory is an OCI layout and nothing else
            log = verbosity.open(
                    "image-build", output == null ? null : output.resolveSibling(output.getFileName() + ".log"));
            int code;
            try (RunLog open = log) {
                code = buildAndPrint();
            }
            Path kept = log.succeeded();
            spec.commandLine().getErr().println("log: " + kept);
            spec.commandLine().getErr().flush();
            return code;
        }

        /** Chooses the mode: stream to the engine (trees given or built), or write a layout (and what follows it). */
        private int buildAndPrint() throws Exception {
            ImageRecipe r = recipeWithOptions();
            ImageReference reference = ImageReference.parse(r.tag());
            BuildOptions options = new BuildOptions(
                    LayerCompression.parse(compression),
                    sourceDateEpoch != null ? OptionalLong.of(sourceDateEpoch) : BuildOptions.fromEnvironment());
            if (output == null && (!load || dockerArchive != null)) {
                throw new picocli.CommandLine.ParameterException(
                        spec.commandLine(),
                        "Give -o DIR (the OCI layout, also needed for --docker-archive), --load, or both.");
            }
            Map<Arch, Path> trees = rootfs == null ? null : RootfsTree.forArches(rootfs, r.arches());
            prepareLock(r, trees != null);
            if (output == null) {
                LoadedImage loaded =
                        trees != null ? loadTrees(r, trees, reference, options) : loadBuilt(r, reference, options);
                printLoaded(reference, loaded);
                return 0;
            }
            DockerClient docker = load ? DockerClient.connect() : null; // fail before a long build
            WrittenImage image =
                    trees != null ? writeTrees(r, trees, reference, options) : writeBuilt(r, reference, options);
            List<String> archiveTags =
                    dockerArchive == null ? null : DockerArchive.writeFile(image.layout(), dockerArchive);
            List<String> loaded = docker == null ? null : new ImageLoader(docker).load(image.layout(), null);
            printWritten(image, archiveTags, loaded);
            return 0;
        }

        /** With --locked, fetches and checks the lock's sets (the trees' too unless given) before any output. */
        private void prepareLock(ImageRecipe r, boolean treesGiven) {
            if (r.isRpmMd() && !treesGiven) {
                if (lock.file != null || lock.update) {
                    throw new UsageError("--locked and --update-lock cover Debian repositories only for now; build "
                            + "this rpm-md recipe without them.");
                }
                return;
            }
            try (DownloadProgress downloads = new DownloadProgress()) {
                DebianRepository repo = toolbox.repository.open(r.suite());
                locked = lock.prepare(
                        spec,
                        treesGiven ? null : LockRequest.of(r.suite(), r.arches(), r.variant(), r.packages()),
                        repo,
                        toolbox.repositoryBeside(repo),
                        treesGiven ? EnumSet.of(LockedSet.Role.TOOLBOX) : EnumSet.allOf(LockedSet.Role.class),
                        downloads);
            }
            toolbox.locked = locked.orElse(null);
        }

        /** The recipe (or an empty one) with the command line's options over it, checked. */
        private ImageRecipe recipeWithOptions() {
            ImageRecipe r = recipe == null ? ImageRecipe.empty() : RecipeReader.read(recipe);
            List<String> treeArches = rootfs == null ? List.of() : RootfsTree.namedArches(rootfs);
            checkOutputs();
            r = arches != null ? r.withArches(arches) : treeArches.isEmpty() ? r : r.withArches(treeArches);
            if (r.isRpmMd()) {
                refuseDebianOnlyOptions();
            }
            r = suite != null ? r.withSuite(suite) : r;
            r = variant != null ? r.withVariant(variant) : r;
            r = noScripts ? r.withoutScripts() : r;
            r = r.withSkipScriptsOf(skipScriptsOf);
            r = tag != null ? r.withTag(tag) : r.tag() == null ? r.withTag("crossroot-image") : r;
            return RecipeReader.validate(
                    r.withMorePackages(include), recipe == null ? "command line" : recipe.toString());
        }

        /** Options that choose among Debian packages only: a usage error for an rpm-md recipe, not ignored. */
        private void refuseDebianOnlyOptions() {
            String given = suite != null
                    ? "--suite"
                    : variant != null
                            ? "--variant"
                            : noScripts ? "--no-scripts" : !skipScriptsOf.isEmpty() ? "--skip-scripts-of" : null;
            if (given != null) {
                throw new UsageError(given + " applies to Debian recipes only, and " + recipe + " reads rpm-md "
                        + "repositories (repoType: rpm-md): drop it.");
            }
        }

        private Path recipeDir() {
            return recipe == null ? Path.of(".") : recipe.toAbsolutePath().getParent();
        }

        /** --load of --rootfs trees without -o: they are streamed to the engine, no layout is written. */
        private LoadedImage loadTrees(
                ImageRecipe r, Map<Arch, Path> trees, ImageReference reference, BuildOptions options)
                throws java.io.IOException, InterruptedException {
            // opened first: the trees' find and getfattr runs go on while the engine answers its ping
            try (LayerSources sources = LayerSources.open(trees, toolbox.openForImages())) {
                return new ImageLoader(DockerClient.connect()).loadTrees(sources, r.imageConfig(), options, reference);
            }
        }

        /** --load without -o or --rootfs: the trees built go straight into the engine, no layout is written. */
        private LoadedImage loadBuilt(ImageRecipe r, ImageReference reference, BuildOptions options)
                throws java.io.IOException, InterruptedException {
            ImageLoader loader = new ImageLoader(DockerClient.connect()); // fail before a long build
            Toolbox tools = toolbox.openForImages();
            try (DownloadProgress downloads = new DownloadProgress();
                    ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
                return builder(r, downloads, progress)
                        .build(
                                r,
                                recipeDir(),
                                Path.of("/var/tmp"),
                                options,
                                roots -> loader.loadTrees(roots, tools, r.imageConfig(), options, reference));
            }
        }

        /** -o with --rootfs: the given trees are packaged as the layout. */
        private WrittenImage writeTrees(
                ImageRecipe r, Map<Arch, Path> trees, ImageReference reference, BuildOptions options)
                throws java.io.IOException {
            return new io.crossroot.oci.OciImageWriter(r.imageConfig(), options, toolbox.openForImages())
                    .write(trees, reference, output);
        }

        /** -o without --rootfs: the recipe's trees are built and written as the layout. */
        private WrittenImage writeBuilt(ImageRecipe r, ImageReference reference, BuildOptions options)
                throws java.io.IOException, InterruptedException {
            Toolbox tools = toolbox.openForImages();
            try (DownloadProgress downloads = new DownloadProgress();
                    ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
                return builder(r, downloads, progress).build(r, recipeDir(), reference, options, output, tools);
            }
        }

        private RecipeImageBuilder builder(ImageRecipe r, DownloadProgress downloads, ConsoleRootfsProgress progress) {
            DebianRepository repo = locked.map(l -> l.repository(LockedSet.Role.ROOTFS))
                    .orElseGet(() -> toolbox.repository.open(r.suite()));
            // without scripts nothing runs inside the trees: no binfmt entry is checked, no sandbox set up
            Sandbox inside = r.scripts()
                    ? sandbox.openFor(r.arches(), repo, downloads, log.detailWriter(), locked)
                    : new NoSandbox();
            RecipeImageBuilder builder = new RecipeImageBuilder(repo, inside, downloads, progress)
                    .sbom(sbom.format)
                    .scriptWorkers(scriptJobs.workers());
            locked.ifPresent(builder::locked);
            return builder;
        }

        /** The layout written, and the docker-archive tags and engine names when those were asked for (else null). */
        private void printWritten(WrittenImage image, List<String> archiveTags, List<String> loaded) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("reference", image.reference().toString());
            result.put("layout", image.layout().toString());
            result.put("digest", image.top().digest().toString());
            List<Map<String, Object>> platforms = new ArrayList<>();
            for (PlatformImage p : image.images()) {
                platforms.add(Map.of(
                        "platform",
                        p.arch().ociPlatform(),
                        "manifest",
                        p.manifest().digest().toString(),
                        "layerBytes",
                        p.layer().size()));
            }
            result.put("platforms", platforms);
            if (archiveTags != null) {
                result.put("dockerArchive", Map.of("path", dockerArchive.toString(), "tags", archiveTags));
            }
            if (loaded != null) {
                result.put("loaded", loaded);
            }
            json.print(() -> result, out -> {
                out.println(image.layout() + ": " + image.reference() + " "
                        + image.top().digest());
                for (PlatformImage p : image.images()) {
                    out.println(
                            "  " + p.arch().ociPlatform() + "  " + p.manifest().digest() + "  layer "
                                    + String.format("%.1f MiB", p.layer().size() / 1048576.0));
                }
                if (archiveTags != null) {
                    out.println(
                            dockerArchive + ": docker-archive, 'docker load' tags " + String.join(", ", archiveTags));
                }
                if (loaded != null) {
                    loaded.forEach(n -> out.println("loaded " + n));
                }
            });
        }

        private void printLoaded(ImageReference reference, LoadedImage loaded) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("reference", reference.toString());
            result.put("loaded", loaded.names());
            result.put("timings", PhaseTimer.inSeconds(loaded.timings()));
            json.print(() -> result, out -> loaded.names().forEach(n -> out.println("loaded " + n)));
            spec.commandLine().getErr().println(PhaseTimer.summary(loaded.timings()));
            spec.commandLine().getErr().flush();
        }
    }

    @Command(
            name = "load",
            mixinStandardHelpOptions = true,
            description =
                    "Load an OCI layout (directory or tar) or a docker-archive into the engine on /var/run/docker.sock "
                            + "($DOCKER_HOST=unix://... for another, e.g. Podman's). Docker's classic store holds one platform "
                            + "per tag: a multi-architecture image is loaded as NAME:TAG-ARCH for each architecture.")
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR|TAR", description = "Image to load.")
        Path source;

        @Option(
                names = "--tag",
                paramLabel = "NAME[:TAG]",
                description = "Name to load it as (default: the name it was built with).")
        String tag;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() throws Exception {
            ImageReference ref = tag == null ? null : ImageReference.parse(tag);
            List<String> loaded = new ImageLoader(DockerClient.connect()).load(source, ref);
            json.print(() -> Map.of("loaded", loaded), out -> loaded.forEach(n -> out.println("loaded " + n)));
            return 0;
        }
    }
}

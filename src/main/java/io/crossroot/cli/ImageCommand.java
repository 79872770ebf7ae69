package io.crossroot.cli;

import io.crossroot.arch.Arch;
import io.crossroot.debian.DebianRepository;
import io.crossroot.docker.DockerClient;
import io.crossroot.docker.ImageLoader;
import io.crossroot.docker.LoadedImage;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.DockerArchive;
import io.crossroot.oci.ImageBuilder;
import io.crossroot.oci.ImageRecipe;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.LayerCompression;
import io.crossroot.oci.LayerSources;
import io.crossroot.oci.OciLayout;
import io.crossroot.oci.PlatformImage;
import io.crossroot.oci.RecipeReader;
import io.crossroot.oci.WrittenImage;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.PhaseTimer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Build foreign-architecture container images (OCI layout, docker-archive) and load them into Docker or Podman.",
        subcommands = {ImageCommand.Build.class, ImageCommand.Load.class})
final class ImageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (build, load)");
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build one Debian root filesystem per architecture and write them as one image: an OCI "
                    + "layout whose index names every platform under one tag. Flags override the recipe.")
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "RECIPE.yaml", description = "Image recipe (see examples/).")
        Path recipe;

        @Option(names = "--arch", split = ",", paramLabel = "A,B", description = "Architectures (replace the recipe's).")
        List<String> arches;

        @Option(names = "--suite", paramLabel = "SUITE", description = "Debian suite (default: the recipe's, else trixie).")
        String suite;

        @Option(names = "--variant", paramLabel = "NAME", description = "Package set: essential, apt, minbase, buildd, ... (default: minbase).")
        String variant;

        @Option(names = "--include", split = ",", paramLabel = "PKG", description = "Further packages.")
        List<String> include = new ArrayList<>();

        @Option(names = "--tag", paramLabel = "NAME[:TAG]", description = "Image name (default: the recipe's tag).")
        String tag;

        @Option(names = {"-o", "--output"}, paramLabel = "DIR",
                description = "OCI image layout directory to write (needed unless --load).")
        Path output;

        @Option(names = "--docker-archive", paramLabel = "FILE",
                description = "Also write a tar that is both a docker-archive ('docker load -i FILE') and an OCI layout.")
        Path dockerArchive;

        @Option(names = "--compression", defaultValue = "gzip", paramLabel = "gzip|zstd|none", description = "Layer compression (default: ${DEFAULT-VALUE}; none is fastest for a local --load).")
        String compression;

        @Option(names = "--source-date-epoch", paramLabel = "SECONDS",
                description = "Creation time and newest mtime kept (default: $SOURCE_DATE_EPOCH, else the newest file).")
        Long sourceDateEpoch;

        @Option(names = "--rootfs", paramLabel = "[ARCH=]DIR|TAR", converter = RootfsTree.Converter.class,
                description = "Package existing root filesystems (directories or tars, e.g. from 'crossroot rootfs') "
                        + "instead of building them: ARCH=PATH, repeated, one per architecture, or one PATH for the "
                        + "one --arch. The recipe's image settings still apply.")
        List<RootfsTree> rootfs;

        @Option(names = "--load", description = "Load the image into the engine (see 'image load'). Without -o the "
                + "trees are streamed straight to the engine, uncompressed: the fastest way to a local image.")
        boolean load;

        @Mixin
        ToolboxOptions toolbox; // its getfattr reads the trees' extended attributes; its mirror options are the build's

        @Mixin
        SandboxOptions sandbox;

        @Option(names = "--json", description = "Print what was written and loaded as JSON.")
        boolean json;

        @Mixin
        VerboseOption verbosity;

        private RunLog log;

        @Override
        public Integer call() throws Exception {
            // beside the layout, not inside it: the directory is an OCI layout and nothing else
            log = verbosity.open("image-build", output == null ? null : output.resolveSibling(output.getFileName() + ".log"));
            int code;
            try (RunLog open = log) {
                code = buildAndPrint();
            }
            Path kept = log.succeeded();
            spec.commandLine().getErr().println("log: " + kept);
            spec.commandLine().getErr().flush();
            return code;
        }

        private int buildAndPrint() throws Exception {
            ImageRecipe r = recipe == null ? ImageRecipe.empty() : RecipeReader.read(recipe);
            List<String> treeArches = rootfs == null ? List.of() : RootfsTree.namedArches(rootfs);
            r = arches != null ? r.withArches(arches) : treeArches.isEmpty() ? r : r.withArches(treeArches);
            r = suite != null ? r.withSuite(suite) : r;
            r = variant != null ? r.withVariant(variant) : r;
            r = tag != null ? r.withTag(tag) : r.tag() == null ? r.withTag("crossroot-image") : r;
            r = RecipeReader.validate(r.withMorePackages(include), recipe == null ? "command line" : recipe.toString());
            ImageReference reference = ImageReference.parse(r.tag());
            BuildOptions options = new BuildOptions(LayerCompression.parse(compression),
                    sourceDateEpoch != null ? OptionalLong.of(sourceDateEpoch) : BuildOptions.fromEnvironment());
            Path recipeDir = recipe == null ? Path.of(".") : recipe.toAbsolutePath().getParent();
            if (output == null && (!load || dockerArchive != null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "Give -o DIR (the OCI layout, also needed for --docker-archive), --load, or both.");
            }
            Map<Arch, Path> trees = rootfs == null ? null : RootfsTree.forArches(rootfs, r.arches());
            if (output == null && trees != null) {
                // opened first: the trees' find and getfattr runs go on while the engine answers its ping
                try (LayerSources sources = LayerSources.open(trees, toolbox.openForImages())) {
                    LoadedImage loaded = new ImageLoader(DockerClient.connect()).loadTrees(sources, r.imageConfig(),
                            options, reference);
                    return printLoaded(reference, loaded);
                }
            }
            DockerClient docker = load ? DockerClient.connect() : null; // fail before a long build
            if (output == null) {
                return loadBuilt(r, recipeDir, reference, options, new ImageLoader(docker));
            }
            WrittenImage image = trees != null ? packageRootfs(r, reference, options, trees)
                    : build(r, recipeDir, reference, options);
            Map<String, Object> result = new java.util.LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            result.put("reference", reference.toString());
            result.put("layout", image.layout().toString());
            result.put("digest", image.top().digest().toString());
            lines.add(image.layout() + ": " + reference + " " + image.top().digest());
            List<Map<String, Object>> platforms = new ArrayList<>();
            for (PlatformImage p : image.images()) {
                platforms.add(Map.of("platform", p.arch().ociPlatform(), "manifest", p.manifest().digest().toString(),
                        "layerBytes", p.layer().size()));
                lines.add("  " + p.arch().ociPlatform() + "  " + p.manifest().digest() + "  layer "
                        + String.format("%.1f MiB", p.layer().size() / 1048576.0));
            }
            result.put("platforms", platforms);
            if (dockerArchive != null) {
                try (OciLayout layout = OciLayout.open(image.layout()); AtomicOutput o = AtomicOutput.open(dockerArchive)) {
                    DockerArchive.write(layout, null, o.stream());
                    o.commit();
                    List<String> tags = DockerArchive.tagNames(layout, null);
                    result.put("dockerArchive", Map.of("path", dockerArchive.toString(), "tags", tags));
                    lines.add(dockerArchive + ": docker-archive, 'docker load' tags " + String.join(", ", tags));
                }
            }
            if (docker != null) {
                List<String> loaded = new ImageLoader(docker).load(image.layout(), null);
                result.put("loaded", loaded);
                loaded.forEach(n -> lines.add("loaded " + n));
            }
            print(result, lines);
            return 0;
        }

        private void print(Map<String, Object> result, List<String> lines) {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, result);
            } else {
                lines.forEach(out::println);
                out.flush();
            }
        }

        /** --load without -o or --rootfs: the trees built go straight into the engine, no layout is written. */
        private int loadBuilt(ImageRecipe r, Path recipeDir, ImageReference reference, BuildOptions options,
                ImageLoader loader) throws java.io.IOException, InterruptedException {
            Toolbox tools = toolbox.openForImages();
            try (DownloadProgress downloads = new DownloadProgress(); ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
                DebianRepository repo = toolbox.repository.open(r.suite());
                LoadedImage loaded = new ImageBuilder(repo, sandbox.openFor(r.arches(), repo, downloads,
                        log.detailWriter()), downloads, progress)
                        .build(r, recipeDir, Path.of("/var/tmp"), options,
                                roots -> loader.loadTrees(roots, tools, r.imageConfig(), options, reference));
                return printLoaded(reference, loaded);
            }
        }

        private int printLoaded(ImageReference reference, LoadedImage loaded) {
            Map<String, Object> result = new java.util.LinkedHashMap<>();
            result.put("reference", reference.toString());
            result.put("loaded", loaded.names());
            result.put("timings", PhaseTimer.inSeconds(loaded.timings()));
            List<String> lines = new ArrayList<>();
            for (String name : loaded.names()) {
                lines.add("loaded " + name);
            }
            print(result, lines);
            spec.commandLine().getErr().println(PhaseTimer.summary(loaded.timings()));
            spec.commandLine().getErr().flush();
            return 0;
        }

        private WrittenImage build(ImageRecipe r, Path recipeDir, ImageReference reference, BuildOptions options)
                throws java.io.IOException, InterruptedException {
            Toolbox tools = toolbox.openForImages();
            try (DownloadProgress downloads = new DownloadProgress(); ConsoleRootfsProgress progress = new ConsoleRootfsProgress(log)) {
                DebianRepository repo = toolbox.repository.open(r.suite());
                return new ImageBuilder(repo, sandbox.openFor(r.arches(), repo, downloads, log.detailWriter()), downloads, progress)
                        .build(r, recipeDir, reference, options, output, tools);
            }
        }

        private WrittenImage packageRootfs(ImageRecipe r, ImageReference reference, BuildOptions options,
                Map<Arch, Path> trees) throws java.io.IOException {
            return new io.crossroot.oci.OciImageWriter(r.imageConfig(), options, toolbox.openForImages())
                    .write(trees, reference, output);
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load an OCI layout (directory or tar) or a docker-archive into the engine on /var/run/docker.sock "
                    + "($DOCKER_HOST=unix://... for another, e.g. Podman's). Docker's classic store holds one platform "
                    + "per tag: a multi-architecture image is loaded as NAME:TAG-ARCH for each architecture.")
    static final class Load implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR|TAR", description = "Image to load.")
        Path source;

        @Option(names = "--tag", paramLabel = "NAME[:TAG]", description = "Name to load it as (default: the name it was built with).")
        String tag;

        @Option(names = "--json", description = "Print the names loaded as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            ImageReference ref = tag == null ? null : ImageReference.parse(tag);
            List<String> loaded = new ImageLoader(DockerClient.connect()).load(source, ref);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.json(out, Map.of("loaded", loaded));
            } else {
                loaded.forEach(n -> out.println("loaded " + n));
                out.flush();
            }
            return 0;
        }
    }
}

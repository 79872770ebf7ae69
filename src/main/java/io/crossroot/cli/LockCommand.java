package io.crossroot.cli;

import io.crossroot.debian.DebianRepository;
import io.crossroot.lock.LockRequest;
import io.crossroot.lock.LockedSet;
import io.crossroot.lock.Lockfile;
import io.crossroot.pipeline.BuildRecipe;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "lock",
        mixinStandardHelpOptions = true,
        description = "Resolve what a build installs, without building, and write it as a lockfile: the mirror, "
                + "suite and Release, and every package (name, version, architecture, pool path, size, SHA256) of "
                + "the root filesystem of each architecture, the toolbox and the qemu interpreters. Build from it "
                + "with --locked FILE.")
final class LockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "RECIPE", description = "Build recipe (YAML); default: the embedded one.")
    Path recipeFile;

    @Option(
            names = {"-o", "--output"},
            defaultValue = "crossroot.lock",
            paramLabel = "FILE",
            description = "The lockfile to write, replaced atomically (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(
            names = "--arch",
            split = ",",
            paramLabel = "A,B",
            description = "Target architectures (replace the recipe's), e.g. for 'image build --arch'.")
    List<String> arches;

    @Option(
            names = "--suite",
            converter = Converters.Suite.class,
            paramLabel = "SUITE",
            description = "Debian suite (replaces the recipe's).")
    String suite;

    @Option(names = "--variant", paramLabel = "NAME", description = "Package set (replaces the recipe's).")
    String variant;

    @Option(
            names = "--include",
            split = ",",
            paramLabel = "PKG",
            description = "Further packages (replace the recipe's include; --include= for none).")
    List<String> include;

    @Mixin
    ToolboxOptions toolbox;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        OutputChecks.of(spec).input("RECIPE", recipeFile).output("-o", output);
        BuildRecipe recipe = recipeFile == null ? BuildRecipe.embeddedDefault() : BuildRecipe.read(recipeFile);
        LockRequest request = LockRequest.of(
                suite != null ? suite : recipe.suite(),
                arches != null ? arches : List.of(recipe.arch()),
                variant != null ? variant : recipe.variant(),
                include != null ? include.stream().filter(p -> !p.isBlank()).toList() : recipe.include());
        Lockfile lock;
        try (DownloadProgress downloads = new DownloadProgress()) {
            DebianRepository targets = toolbox.repository.open(request.suite());
            lock = LockOptions.resolve(targets, toolbox.repositoryBeside(targets), request, downloads);
        }
        lock.write(output);
        Map<String, Object> summary = summary(lock);
        json.print(() -> summary, out -> {
            out.println("wrote " + output + " (" + request.suite() + ")");
            summary.forEach((k, v) -> {
                if (!k.equals("lockfile")) {
                    out.println("  " + k + ": " + v + (Integer.valueOf(1).equals(v) ? " package" : " packages"));
                }
            });
        });
        return 0;
    }

    private Map<String, Object> summary(Lockfile lock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lockfile", output.toString());
        for (Lockfile.Located l : lock.all()) {
            String name = l.set().role() == LockedSet.Role.ROOTFS
                    ? l.set().arch()
                    : l.set().role().key();
            m.put(name, l.set().packages().size());
        }
        return m;
    }
}

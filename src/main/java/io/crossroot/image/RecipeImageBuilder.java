package io.crossroot.image;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.lock.LockedPackages;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.ImageReference;
import io.crossroot.oci.OciImageWriter;
import io.crossroot.oci.WrittenImage;
import io.crossroot.rootfs.BuiltTreeNormaliser;
import io.crossroot.rootfs.RootfsBuilder;
import io.crossroot.rootfs.RootfsProgress;
import io.crossroot.rootfs.RootfsRequest;
import io.crossroot.rootfs.RootfsResult;
import io.crossroot.rootfs.RpmRootfsBuilder;
import io.crossroot.rootfs.RpmRootfsRequest;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.sbom.RootInventory;
import io.crossroot.sbom.RootSbom;
import io.crossroot.sbom.SbomFormat;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.Dirs;
import io.crossroot.util.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a recipe: one root filesystem per architecture (rootfs.RootfsBuilder from the Debian mirror, or
 * rootfs.RpmRootfsBuilder from an rpm-md recipe's repositories), the recipe's files copied in, its commands run
 * inside under emulation, then one OCI layout with an index over every architecture.
 */
public final class RecipeImageBuilder {
    private final DebianRepository repo;
    private final Sandbox sandbox;
    private final DownloadListener downloads;
    private final RootfsProgress progress;
    private LockedPackages locked; // null: resolve against the mirror
    private SbomFormat sbom = SbomFormat.SPDX;
    private int scriptWorkers = RootfsBuilder.Reproducibility.DEFAULT.workers();

    public RecipeImageBuilder(
            DebianRepository repo, Sandbox sandbox, DownloadListener downloads, RootfsProgress progress) {
        this.repo = repo;
        this.sandbox = sandbox;
        this.downloads = downloads;
        this.progress = progress;
    }

    /** This builder running {@code workers} maintainer scripts side by side (default: one per core). */
    public RecipeImageBuilder scriptWorkers(int workers) {
        this.scriptWorkers = workers;
        return this;
    }

    /** The inventory formats each root carries: SPDX, and CycloneDX too when chosen. */
    public RecipeImageBuilder sbom(SbomFormat format) {
        this.sbom = format;
        return this;
    }

    /** Installs a lockfile's sets (fetched and checked beforehand) instead of resolving them. */
    public RecipeImageBuilder locked(LockedPackages packages) {
        this.locked = packages;
        return this;
    }

    private RootfsBuilder rootfsBuilder() {
        RootfsBuilder builder = new RootfsBuilder(repo, sandbox, downloads, progress).sbom(sbom);
        return locked == null ? builder : builder.locked(locked);
    }

    /** An rpm-md recipe's tree for {@code arch}: its repositories with $basearch substituted, host tools from the Debian mirror. */
    private RootfsResult rpmRootfs(ImageRecipe recipe, Arch arch, Path root, BuildOptions options) {
        List<RpmMdRepository> repos =
                recipe.rpmRepos().open(arch.rpm(), Dirs.cache().resolve("rpm-md"));
        return new RpmRootfsBuilder(repos, repo, sandbox, downloads, progress)
                .sbom(sbom)
                .sourceDateEpoch(options.sourceDateEpoch())
                .build(new RpmRootfsRequest(
                        arch.rpm(), recipe.distro(), recipe.packages(), recipe.installsWeakDeps(), root));
    }

    /** What is done with the finished trees (by architecture, in the recipe's order) before they are deleted. */
    @FunctionalInterface
    public interface TreesConsumer<T> {
        T accept(Map<Arch, Path> rootfsByArch) throws IOException;
    }

    /**
     * Builds the recipe's trees and writes them as an OCI layout to {@code output}, reading their extended
     * attributes with {@code toolbox}'s getfattr.
     */
    public WrittenImage build(
            ImageRecipe recipe,
            Path recipeDir,
            ImageReference reference,
            BuildOptions options,
            Path output,
            Toolbox toolbox)
            throws IOException, InterruptedException {
        Path workParent = output.toAbsolutePath().getParent();
        return build(recipe, recipeDir, workParent, options, roots -> {
            progress.phase("image", output + " (" + String.join(", ", recipe.arches()) + ")");
            return new OciImageWriter(recipe.imageConfig(), options, toolbox).write(roots, reference, output);
        });
    }

    /**
     * @param recipeDir  where relative 'files:' sources are looked up
     * @param workParent where the trees are built (a temporary directory in it, deleted afterwards)
     */
    public <T> T build(
            ImageRecipe recipe, Path recipeDir, Path workParent, BuildOptions options, TreesConsumer<T> consumer)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(workParent, ".crossroot-image-");
        try {
            Map<Arch, Path> roots = new LinkedHashMap<>();
            for (String name : recipe.arches()) {
                Arch arch = ArchCatalog.require(name);
                Path root = work.resolve(arch.debian());
                if (recipe.isRpmMd()) {
                    progress.phase("rootfs", arch.debian() + " (" + recipe.distro() + ", rpm-md)");
                    RootfsResult built = rpmRootfs(recipe, arch, root, options);
                    new RecipeSteps(sandbox, progress).apply(recipe, recipeDir, arch, root);
                    if (built.inventory() != null) {
                        RootSbom.writeInto(root, built.inventory(), sbom);
                    }
                    BuiltTreeNormaliser.normalise(root, options.sourceDateEpoch());
                    roots.put(arch, root);
                    continue;
                }
                progress.phase("rootfs", arch.debian() + " (" + recipe.suite() + ", " + recipe.variant() + ")");
                RootfsBuilder rootfs = rootfsBuilder()
                        .reproducibility(new RootfsBuilder.Reproducibility(scriptWorkers, options.sourceDateEpoch()));
                if (!recipe.scripts()) {
                    rootfs = rootfs.withoutScripts(Set.copyOf(recipe.skipScriptsOf()));
                }
                RootfsResult built = rootfs.build(
                        new RootfsRequest(arch.debian(), Variant.fromName(recipe.variant()), recipe.packages(), root));
                new RecipeSteps(sandbox, progress).apply(recipe, recipeDir, arch, root);
                // the steps may have installed or removed packages: the inventory the image carries is of its end
                RootSbom.writeInto(
                        root,
                        RootInventory.after(built.inventory(), built.suite())
                                .read(
                                        root,
                                        built.inventory().artifactName(),
                                        built.inventory().createdEpochSecond()),
                        sbom);
                BuiltTreeNormaliser.normalise(root, options.sourceDateEpoch());
                roots.put(arch, root);
            }
            return consumer.accept(roots);
        } finally {
            Trees.delete(work);
        }
    }
}

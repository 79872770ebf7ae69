package io.crossroot.rootfs;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.debian.resolve.InstallOrder;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.debian.resolve.RelationMatcher;
import io.crossroot.debian.resolve.Resolver;
import io.crossroot.debian.resolve.Variant;
import io.crossroot.lock.LockedPackages;
import io.crossroot.oci.BuildOptions;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.sbom.DebOrigin;
import io.crossroot.sbom.Inventory;
import io.crossroot.sbom.RootInventory;
import io.crossroot.sbom.RootSbom;
import io.crossroot.sbom.SbomFormat;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.util.PhaseTimer;
import io.crossroot.util.Trees;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a foreign-architecture Debian root filesystem: resolve (cached per Packages index), download in
 * parallel, unpack natively (no dpkg under emulation), write dpkg's database, then run only the maintainer
 * scripts under emulation, independent ones in parallel, and record the result natively as dpkg would. The
 * output appears atomically; a failed or interrupted build leaves nothing behind.
 */
public final class RootfsBuilder {
    /** Unpacked first: it ships the merged-/usr links (/bin -> usr/bin, ...) every other package unpacks through. */
    private static final String LAYOUT_PACKAGE = "base-files";

    private static final String COMPONENT = "main";

    private final DebianRepository repo;
    private final Sandbox sandbox;
    private final DownloadListener downloads;
    private final RootfsProgress progress;
    private final Choices choices;

    /** How this builder differs from the default: each wither below sets one of these. */
    private record Choices(
            CachePolicy cachePolicy,
            boolean nativeHelpers,
            UnscriptedInstall unscripted, // null when the maintainer scripts run
            LockedPackages locked, // null: resolve against the mirror's index
            SbomFormat sbom,
            Reproducibility reproducibility) {}

    public RootfsBuilder(DebianRepository repo, Sandbox sandbox, DownloadListener downloads, RootfsProgress progress) {
        this(
                repo,
                sandbox,
                downloads,
                progress,
                new Choices(CachePolicy.REUSE, true, null, null, SbomFormat.SPDX, Reproducibility.DEFAULT));
    }

    private RootfsBuilder(
            DebianRepository repo,
            Sandbox sandbox,
            DownloadListener downloads,
            RootfsProgress progress,
            Choices choices) {
        this.repo = repo;
        this.sandbox = sandbox;
        this.downloads = downloads;
        this.progress = progress;
        this.choices = choices;
    }

    private RootfsBuilder with(Choices c) {
        return new RootfsBuilder(repo, sandbox, downloads, progress, c);
    }

    /**
     * How many maintainer scripts run side by side, and the SOURCE_DATE_EPOCH the finished root is pinned to
     * ({@link BuiltTreeNormaliser#pinToEpoch}); neither changes the root's bytes, only how long it takes and its
     * time stamps.
     */
    public record Reproducibility(int workers, OptionalLong sourceDateEpoch) {
        public static final Reproducibility DEFAULT =
                new Reproducibility(Runtime.getRuntime().availableProcessors(), OptionalLong.empty());

        public Reproducibility {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + workers);
            }
        }
    }

    /** This builder with other {@link Reproducibility} settings (default: one script per core, no epoch). */
    public RootfsBuilder reproducibility(Reproducibility settings) {
        Choices c = choices;
        return with(new Choices(c.cachePolicy(), c.nativeHelpers(), c.unscripted(), c.locked(), c.sbom(), settings));
    }

    /**
     * This builder with or without {@link NativeHelpers} (on by default): depmod runs as the host's build of the
     * same kmod version while the scripts of a set with an initramfs run.
     */
    public RootfsBuilder nativeHelpers(boolean use) {
        Choices c = choices;
        return with(new Choices(c.cachePolicy(), use, c.unscripted(), c.locked(), c.sbom(), c.reproducibility()));
    }

    /** What a build does with finished roots kept from earlier builds ({@link ConfiguredRootCache}). */
    public enum CachePolicy {
        /** Copy the root an earlier build made from exactly the same packages and setup; store new ones. */
        REUSE,
        /** Run every step, and store the result (replacing an earlier one). */
        REFRESH,
        /** Neither look nor store (for callers that cache roots themselves). */
        OFF
    }

    /** This builder with another {@link CachePolicy} (the default is REUSE). */
    public RootfsBuilder cachePolicy(CachePolicy policy) {
        Choices c = choices;
        return with(new Choices(policy, c.nativeHelpers(), c.unscripted(), c.locked(), c.sbom(), c.reproducibility()));
    }

    /**
     * This builder without emulation ({@link UnscriptedInstall}): no maintainer script runs and the sandbox is never
     * used; a package with an installation script is refused unless {@code skipScriptsOf} names it. Nothing is
     * cached: the tree is the unpacked packages and dpkg's database, quicker to make than to copy.
     */
    public RootfsBuilder withoutScripts(Set<String> skipScriptsOf) {
        Choices c = choices;
        return with(new Choices(
                c.cachePolicy(),
                c.nativeHelpers(),
                new UnscriptedInstall(skipScriptsOf),
                c.locked(),
                c.sbom(),
                c.reproducibility()));
    }

    /**
     * This builder installing a lockfile's set (fetched and checked beforehand) instead of resolving one; the
     * host builds of {@link NativeHelpers} are not in a lockfile, so every program runs emulated.
     */
    public RootfsBuilder locked(LockedPackages packages) {
        Choices c = choices;
        return with(new Choices(
                c.cachePolicy(), c.nativeHelpers(), c.unscripted(), packages, c.sbom(), c.reproducibility()));
    }

    /** This builder writing its root's software inventory in SPDX, and also in {@code format} (default SPDX only). */
    public RootfsBuilder sbom(SbomFormat format) {
        Choices c = choices;
        return with(new Choices(
                c.cachePolicy(), c.nativeHelpers(), c.unscripted(), c.locked(), format, c.reproducibility()));
    }

    public RootfsResult build(RootfsRequest request) {
        if (request.variant() == Variant.CUSTOM && request.include().isEmpty()) {
            throw new UserError("The variant 'custom' is only the packages asked for, and none were: name them with "
                    + "--include (in a recipe: packages:).");
        }
        PhaseTimer timer = new PhaseTimer();
        progress.phase("resolving", request.variant().displayName() + " for " + request.arch());
        List<BinaryPackage> set = choices.locked() != null
                ? choices.locked().rootfs(request.arch())
                : new ResolutionCache(repo.config().cacheDir())
                        .get(repo.packagesIndex(COMPONENT, request.arch()).sha256(), request, () -> resolve(request));
        InstallOrder install = InstallOrder.of(set, new RelationMatcher(request.arch()));
        List<BinaryPackage> order = unpackOrder(install.packages());
        Map<String, String> setupFiles = setupFiles();
        ConfiguredRootCache configured = new ConfiguredRootCache(repo.config().cacheDir());
        // the scripts see the epoch (the initramfs records it), so a root made with one serves only that one
        String epoch = choices.reproducibility().sourceDateEpoch().stream()
                .mapToObj(t -> " source-date-epoch=" + t)
                .findFirst()
                .orElse("");
        String key = ConfiguredRootCache.key(
                request,
                order,
                setupFiles + (choices.nativeHelpers() && choices.locked() == null ? "" : " emulate-all") + epoch);
        Optional<Path> cached = choices.cachePolicy() == CachePolicy.REUSE && choices.unscripted() == null
                ? configured.find(key)
                : Optional.empty();
        timer.end("resolve");

        try (RootfsStaging staging = RootfsStaging.beside(request.output())) {
            Path root = staging.path();
            if (cached.isPresent()) {
                progress.phase(
                        "reusing",
                        "the root an earlier build made from these " + order.size()
                                + " packages (--fresh runs every step again)");
                Trees.copy(cached.get(), root);
                timer.end("copy");
            } else {
                progress.phase("downloading", order.size() + " packages");
                List<Path> debs = new VerifiedDebs(repo, downloads)
                        .fetch(order.stream()
                                .map(p -> HashedFile.ofPackage(p.paragraph()))
                                .toList());
                timer.end("download");

                progress.phase("unpacking", order.size() + " packages into " + root);
                List<UnpackedPackage> unpacked = OrderedUnpack.run(root, order, debs, progress);
                new DpkgDatabase(root).write(unpacked);
                timer.end("unpack");

                if (choices.unscripted() != null) {
                    progress.phase("configuring", "natively, no script runs (--no-scripts)");
                    choices.unscripted().install(root, unpacked, progress);
                    timer.end("configure");
                } else {
                    EmulationCheck.require(root, request.arch());
                    configure(root, setupFiles, unpacked, dependencies(order, install.edges()));
                    timer.end("configure");
                }
                if (choices.cachePolicy() != CachePolicy.OFF && choices.unscripted() == null) {
                    progress.phase("caching", "the finished root for the next identical build");
                    configured.store(key, root, choices.cachePolicy() == CachePolicy.REFRESH);
                    timer.end("cache");
                }
            }

            // after the cache took its copy: a reused root gets the inventory of this build, not of the first
            Inventory inventory = inventory(root, request, order);
            RootSbom.writeInto(root, inventory, choices.sbom());
            progress.phase("writing", request.output().toString());
            // after the cache: a cached root serves builds with any epoch
            BuiltTreeNormaliser.normalise(root, choices.reproducibility().sourceDateEpoch());
            staging.commit();
            timer.end("output");
            Map<String, String> packages = new TreeMap<>();
            order.forEach(p -> packages.put(p.name(), p.version().toString()));
            return new RootfsResult(
                    request.arch(),
                    repo.config().suite(),
                    request.variant().displayName(),
                    packages,
                    staging.output(),
                    timer.timingsWithTotal(),
                    inventory);
        } catch (IOException e) {
            throw new UserError(
                    "Building the root filesystem for " + request.output() + " failed: " + e + ". Check "
                            + "free space and that crossroot runs as root.",
                    e);
        }
    }

    /** What the finished root holds, from its dpkg database, with where each .deb came from. */
    private Inventory inventory(Path root, RootfsRequest request, List<BinaryPackage> order) throws IOException {
        String name = "debian-" + repo.config().suite() + "-" + request.arch() + "-"
                + request.variant().displayName();
        return new RootInventory(
                        order.stream().map(DebOrigin::of).toList(),
                        repo.config().mirror(),
                        repo.config().suite())
                .read(
                        root,
                        name,
                        choices.reproducibility()
                                .sourceDateEpoch()
                                .orElse(BuildOptions.fromEnvironment().orElse(0)));
    }

    private Map<String, String> setupFiles() {
        try {
            return RootSetup.files(repo.config());
        } catch (IOException e) {
            throw new UserError(
                    "Cannot read the host's DNS configuration or host name for the new root: " + e.getMessage() + ".",
                    e);
        }
    }

    private List<BinaryPackage> resolve(RootfsRequest request) {
        PackageIndex index = PackageIndex.fromParagraphs(
                repo.packages(COMPONENT, request.arch()),
                request.arch(),
                repo.config().suite() + "/" + COMPONENT);
        return List.copyOf(new Resolver(index)
                .resolve(request.variant(), request.include())
                .packages());
    }

    /** Everything "dpkg --configure -a" would do, with the scripts under emulation and the bookkeeping native. */
    private void configure(
            Path root,
            Map<String, String> setupFiles,
            List<UnpackedPackage> unpacked,
            Map<String, Set<String>> dependencies)
            throws IOException {
        MaintainerScripts.installPolicyRcD(root);
        RootSetup.write(root, setupFiles);
        DpkgDatabase db = new DpkgDatabase(root);
        MaintainerScripts scripts = new MaintainerScripts(
                sandbox, root, progress, choices.reproducibility().sourceDateEpoch());
        int workers = choices.reproducibility().workers();
        NativeHelpers helpers = NativeHelpers.install(root, unpacked, this::hostBuilds, progress);
        scripts.preinstAll(unpacked, dependencies, workers);
        db.placeConffiles(unpacked);
        scripts.postinstAll(unpacked, dependencies, workers);
        scripts.triggered(unpacked, ActivatedTriggers.find(unpacked, db.admin()));
        helpers.requireNoCopies(progress);
        helpers.remove();
        db.markInstalled(unpacked);
        MaintainerScripts.removePolicyRcD(root);
    }

    /** The host's build of {@code packages} from this suite, for {@link NativeHelpers}; empty when unavailable. */
    private Optional<Toolbox> hostBuilds(List<String> packages) {
        if (!choices.nativeHelpers() || choices.locked() != null) {
            return Optional.empty();
        }
        return NativeTwins.hostBuilds(repo, downloads, packages, why -> progress.phase("configuring", why));
    }

    /**
     * Package name to the names it must be configured after: its dependencies that come earlier in {@code order}
     * (a dependency cycle is configured in order, as dpkg breaks it).
     */
    static Map<String, Set<String>> dependencies(List<BinaryPackage> order, List<InstallOrder.Edge> edges) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i).name(), i);
        }
        Map<String, Set<String>> out = new HashMap<>();
        for (InstallOrder.Edge e : edges) {
            String dependent = e.dependent().name();
            String dependency = e.dependency().name();
            if (position.get(dependency) < position.get(dependent)) {
                out.computeIfAbsent(dependent, k -> new HashSet<>()).add(dependency);
            }
        }
        return out;
    }

    /** The resolver's install order with the layout package moved to the front. */
    static List<BinaryPackage> unpackOrder(List<BinaryPackage> installOrder) {
        List<BinaryPackage> out = new ArrayList<>();
        installOrder.stream().filter(p -> p.name().equals(LAYOUT_PACKAGE)).forEach(out::add);
        installOrder.stream().filter(p -> !p.name().equals(LAYOUT_PACKAGE)).forEach(out::add);
        return out;
    }
}

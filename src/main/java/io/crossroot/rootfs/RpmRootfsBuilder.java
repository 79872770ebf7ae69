package io.crossroot.rootfs;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.oci.BuildOptions;
import io.crossroot.rpm.file.RpmFile;
import io.crossroot.rpm.file.RpmSignatureVerifier;
import io.crossroot.rpm.file.RpmUnpack;
import io.crossroot.rpm.file.RpmUnsignedError;
import io.crossroot.rpm.repo.RepoTrust;
import io.crossroot.rpm.repo.RpmMdRepository;
import io.crossroot.rpm.repo.RpmPackage;
import io.crossroot.rpm.resolve.RpmIndex;
import io.crossroot.rpm.resolve.RpmInstallOrder;
import io.crossroot.rpm.resolve.RpmResolution;
import io.crossroot.rpm.resolve.RpmResolver;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.sbom.Inventory;
import io.crossroot.sbom.RootSbom;
import io.crossroot.sbom.RpmInventory;
import io.crossroot.sbom.SbomFormat;
import io.crossroot.toolbox.Toolbox;
import io.crossroot.toolbox.ToolboxInstaller;
import io.crossroot.util.PhaseTimer;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Builds a foreign-architecture root filesystem from rpm-md repositories (openEuler, Fedora): resolve with rpm's
 * semantics, download and verify every .rpm (checksum from primary.xml, signature against the repository's keys),
 * then install in rpm's transaction order with the files unpacked natively and only the scriptlets run inside the
 * root ({@link RpmTransaction}), and record the set in the root's own rpm database. The output appears atomically;
 * a failed or interrupted build leaves nothing behind.
 */
public final class RpmRootfsBuilder {
    /** Debian packages whose host builds write the rpm database, run Lua scriptlets and set file capabilities. */
    public static final List<String> TOOLBOX_PACKAGES = List.of("rpm", "attr");

    private static final int PARALLEL_DOWNLOADS = 4;

    private final List<RpmMdRepository> repos;
    private final DebianRepository hostPackages;
    private final Sandbox sandbox;
    private final DownloadListener downloads;
    private final RootfsProgress progress;
    private final SbomFormat sbom;
    private final OptionalLong sourceDateEpoch;

    public RpmRootfsBuilder(
            List<RpmMdRepository> repos,
            DebianRepository hostPackages,
            Sandbox sandbox,
            DownloadListener downloads,
            RootfsProgress progress) {
        this(repos, hostPackages, sandbox, downloads, progress, SbomFormat.SPDX, OptionalLong.empty());
    }

    private RpmRootfsBuilder(
            List<RpmMdRepository> repos,
            DebianRepository hostPackages,
            Sandbox sandbox,
            DownloadListener downloads,
            RootfsProgress progress,
            SbomFormat sbom,
            OptionalLong sourceDateEpoch) {
        if (repos.isEmpty()) {
            throw new IllegalArgumentException("no rpm-md repository");
        }
        this.repos = List.copyOf(repos);
        this.hostPackages = hostPackages;
        this.sandbox = sandbox;
        this.downloads = downloads;
        this.progress = progress;
        this.sbom = sbom;
        this.sourceDateEpoch = sourceDateEpoch;
    }

    /** This builder writing its root's software inventory in SPDX, and also in {@code format} (default SPDX only). */
    public RpmRootfsBuilder sbom(SbomFormat format) {
        return new RpmRootfsBuilder(repos, hostPackages, sandbox, downloads, progress, format, sourceDateEpoch);
    }

    /** This builder pinning the finished root to {@code epoch} ({@link BuiltTreeNormaliser#pinToEpoch}). */
    public RpmRootfsBuilder sourceDateEpoch(OptionalLong epoch) {
        return new RpmRootfsBuilder(repos, hostPackages, sandbox, downloads, progress, sbom, epoch);
    }

    public RootfsResult build(RpmRootfsRequest request) {
        if (request.include().isEmpty()) {
            throw new UserError("An RPM root is the packages asked for and their dependencies, and none were: name "
                    + "them with --include (in a recipe: packages:), e.g. --include bash,dnf or @core.");
        }
        PhaseTimer timer = new PhaseTimer();
        progress.phase("resolving", String.join(", ", request.include()) + " for " + request.arch());
        Map<RpmPackage, RpmMdRepository> origin = new IdentityHashMap<>();
        RpmIndex index = index(request.arch(), origin);
        RpmResolver resolver = new RpmResolver(index);
        RpmResolution resolution = (request.weakDeps() ? resolver : resolver.noWeakDeps()).resolve(request.include());
        resolution.warnings().forEach(w -> progress.output("warning: " + w));
        List<RpmPackage> order = RpmInstallOrder.of(resolution, index).packages();
        timer.end("resolve");

        try (RootfsStaging staging = RootfsStaging.beside(request.output())) {
            Path root = staging.path();
            progress.phase("downloading", order.size() + " packages");
            List<RpmFile> files = fetchAndVerify(order, origin);
            timer.end("download");

            progress.phase("installing", order.size() + " packages into " + root + ", scriptlets under emulation");
            Supplier<Toolbox> hostRpm = memoized(() -> new ToolboxInstaller(
                            hostPackages, hostPackages.config().cacheDir(), downloads)
                    .install(TOOLBOX_PACKAGES, Map.of(), false));
            List<String> warnings;
            try (RpmScriptlets scriptlets = new RpmScriptlets(sandbox, root, hostRpm, progress, sourceDateEpoch)) {
                RpmUnpack unpack = new RpmUnpack(
                        root,
                        (file, caps) -> hostRpm.get()
                                .run(
                                        "setfattr",
                                        List.of(
                                                "-h",
                                                "-n",
                                                "security.capability",
                                                "-v",
                                                "0x" + HexFormat.of().formatHex(caps),
                                                file.toString()),
                                        Map.of()));
                warnings = new RpmTransaction(unpack, scriptlets, progress).run(files);
            }
            timer.end("unpack");

            progress.phase("configuring", "the rpm database and /etc/yum.repos.d");
            List<Path> keys = YumRepoFile.write(root, repos);
            RpmDatabase.write(
                    root, hostRpm.get(), files.stream().map(RpmFile::path).toList(), keys);
            timer.end("configure");

            Inventory inventory = RpmInventory.of(
                    request.distro() + "-" + request.arch(),
                    sourceDateEpoch.orElse(BuildOptions.fromEnvironment().orElse(0)),
                    request.distro(),
                    order,
                    downloadUrls(order, origin));
            RootSbom.writeInto(root, inventory, sbom);
            progress.phase("writing", request.output().toString());
            BuiltTreeNormaliser.normalise(root, sourceDateEpoch);
            staging.commit();
            timer.end("output");
            warnings.forEach(w -> progress.output("warning: " + w));
            Map<String, String> packages = new TreeMap<>();
            order.forEach(p -> packages.put(p.name(), RpmInventory.version(p)));
            return new RootfsResult(
                    request.arch(),
                    request.distro(),
                    "rpm",
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

    /** Every repository's packages in one index, the first repository preferred, remembering where each is from. */
    private RpmIndex index(String arch, Map<RpmPackage, RpmMdRepository> origin) {
        List<RpmPackage> all = new ArrayList<>();
        List<io.crossroot.rpm.repo.Comps> comps = new ArrayList<>();
        for (RpmMdRepository r : repos) {
            r.forEachPackage(p -> {
                all.add(p);
                origin.put(p, r);
            });
            r.comps().ifPresent(comps::add);
        }
        String label = String.join(
                ", ", repos.stream().map(r -> r.config().baseUrl().toString()).toList());
        return RpmIndex.of(arch, label, all, action -> repos.forEach(r -> r.forEachFileList(action)), comps);
    }

    /**
     * Downloads the set side by side, each checked against primary.xml, then its digests and signature: by a
     * trusted key whenever it is signed; an unsigned package only where a signed repomd.xml vouches for it.
     */
    private List<RpmFile> fetchAndVerify(List<RpmPackage> order, Map<RpmPackage, RpmMdRepository> origin) {
        Map<RpmMdRepository, RpmSignatureVerifier> verifiers = new IdentityHashMap<>();
        for (RpmMdRepository r : repos) {
            verifiers.put(r, new RpmSignatureVerifier(Keyring.load(r.config().keyrings())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_DOWNLOADS);
        try {
            List<Future<RpmFile>> pending = new ArrayList<>();
            for (RpmPackage p : order) {
                RpmMdRepository r = origin.get(p);
                pending.add(pool.submit(() -> {
                    Path file = r.fetch(p, downloads);
                    try {
                        return verified(RpmFile.open(file), r, verifiers.get(r));
                    } catch (UserError e) {
                        throw new UserError(
                                p.nevra() + " (" + downloadUrl(p, r) + ") cannot be installed: " + e.getMessage(), e);
                    }
                }));
            }
            List<RpmFile> out = new ArrayList<>();
            for (Future<RpmFile> f : pending) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while downloading packages; nothing was written.");
        } finally {
            pool.shutdownNow();
        }
    }

    private static RpmFile verified(RpmFile rpm, RpmMdRepository repo, RpmSignatureVerifier verifier) {
        try {
            verifier.verify(rpm);
        } catch (RpmUnsignedError e) {
            if (repo.config().trust() != RepoTrust.SIGNED_REPOMD) {
                throw e;
            }
            RpmSignatureVerifier.checkDigests(rpm);
        }
        return rpm;
    }

    private static String downloadUrl(RpmPackage p, RpmMdRepository repo) {
        return repo.config().baseUrl().resolve(p.file().href()).toString();
    }

    private static Map<RpmPackage, String> downloadUrls(
            List<RpmPackage> order, Map<RpmPackage, RpmMdRepository> origin) {
        Map<RpmPackage, String> out = new IdentityHashMap<>();
        for (RpmPackage p : order) {
            out.put(p, downloadUrl(p, origin.get(p)));
        }
        return out;
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}

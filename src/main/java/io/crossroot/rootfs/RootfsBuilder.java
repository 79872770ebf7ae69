package io.crossroot.rootfs;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.deb.DebFile;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.debian.resolve.InstallOrder;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.debian.resolve.Resolution;
import io.crossroot.debian.resolve.Resolver;
import io.crossroot.sandbox.Sandbox;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a foreign-architecture Debian root filesystem: resolve, download in parallel, unpack natively (no
 * dpkg under emulation), write dpkg's database, then run only the maintainer scripts under emulation. The
 * output appears atomically; a failed or interrupted build leaves nothing behind.
 */
public final class RootfsBuilder {
    /** Unpacked first: it ships the merged-/usr links (/bin -> usr/bin, ...) every other package unpacks through. */
    private static final String LAYOUT_PACKAGE = "base-files";

    private final DebianRepository repo;
    private final Sandbox sandbox;
    private final DownloadListener downloads;
    private final RootfsProgress progress;

    public RootfsBuilder(DebianRepository repo, Sandbox sandbox, DownloadListener downloads, RootfsProgress progress) {
        this.repo = repo;
        this.sandbox = sandbox;
        this.downloads = downloads;
        this.progress = progress;
    }

    public RootfsResult build(RootfsRequest request) {
        PhaseTimer timer = new PhaseTimer();
        progress.phase("resolving", request.variant().displayName() + " for " + request.arch());
        PackageIndex index = PackageIndex.fromParagraphs(repo.packages("main", request.arch()), request.arch(),
                repo.config().suite() + "/main");
        Resolution resolution = new Resolver(index).resolve(request.variant(), request.include());
        List<BinaryPackage> order = unpackOrder(InstallOrder.of(resolution.packages(), index.matcher()).packages());
        timer.end("resolve");

        progress.phase("downloading", order.size() + " packages");
        List<Path> debs = new VerifiedDebs(repo, downloads).fetch(order.stream()
                .map(p -> HashedFile.ofPackage(p.paragraph())).toList());
        timer.end("download");

        try (StagingDir staging = StagingDir.beside(request.output())) {
            Path root = staging.path();
            progress.phase("unpacking", order.size() + " packages into " + root);
            List<UnpackedPackage> unpacked = unpack(root, order, debs);
            new DpkgDatabase(root).write(unpacked);
            timer.end("unpack");

            EmulationCheck.require(root, request.arch());
            Path policy = MaintainerScripts.installPolicyRcD(root);
            RootSetup.write(root, repo.config());
            MaintainerScripts scripts = new MaintainerScripts(sandbox, root, progress);
            scripts.preinstAll(unpacked);
            scripts.configureAll();
            Files.delete(policy);
            timer.end("configure");

            progress.phase("writing", request.output().toString());
            staging.commit();
            timer.end("output");
            Map<String, String> packages = new TreeMap<>();
            order.forEach(p -> packages.put(p.name(), p.version().toString()));
            return new RootfsResult(request.arch(), repo.config().suite(), request.variant().displayName(), packages,
                    staging.output(), timer.timings());
        } catch (IOException e) {
            throw new UserError("Building the root filesystem for " + request.output() + " failed: " + e + ". Check "
                    + "free space and that crossroot runs as root.", e);
        }
    }

    private List<UnpackedPackage> unpack(Path root, List<BinaryPackage> order, List<Path> debs) {
        DebUnpacker unpacker = new DebUnpacker(root);
        List<UnpackedPackage> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            out.add(unpacker.unpack(DebFile.of(debs.get(i))));
            progress.unpacked(i + 1, order.size(), order.get(i).name());
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

    /** Wall-clock time of consecutive phases. */
    private static final class PhaseTimer {
        private final long start = System.nanoTime();
        private long last = start;
        private final Map<String, Duration> timings = new LinkedHashMap<>();

        void end(String phase) {
            long now = System.nanoTime();
            timings.put(phase, Duration.ofNanos(now - last));
            last = now;
        }

        Map<String, Duration> timings() {
            timings.put("total", Duration.ofNanos(System.nanoTime() - start));
            return timings;
        }
    }
}

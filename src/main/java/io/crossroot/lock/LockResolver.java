package io.crossroot.lock;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.HashedFile;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.debian.resolve.PackageIndex;
import io.crossroot.debian.resolve.Resolver;
import io.crossroot.debian.resolve.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves what a build would install, without building or downloading any .deb: each target architecture's set
 * as a rootfs build resolves it, the toolbox and the qemu-user package (chosen by their owners, passed in as
 * functions), and records them with the Release each came from.
 */
public final class LockResolver {
    private static final String COMPONENT = "main";

    private final DebianRepository targets;
    private final DebianRepository tools;

    /** {@code targets}: the recipe's suite (root filesystems, qemu); {@code tools}: the toolbox's suite. */
    public LockResolver(DebianRepository targets, DebianRepository tools) {
        this.targets = targets;
        this.tools = tools;
    }

    /**
     * The lockfile for {@code request}; {@code toolbox} gives the toolbox's resolved packages over a repository and
     * {@code qemu} the interpreter package's stanza, each as the build chooses them.
     */
    public Lockfile resolve(
            LockRequest request,
            Function<DebianRepository, List<BinaryPackage>> toolbox,
            Function<DebianRepository, BinaryPackage> qemu) {
        String host = ArchCatalog.host().debian();
        Map<DebianRepository, List<LockedSet>> sets = new LinkedHashMap<>();
        for (String arch : request.archs()) {
            add(sets, targets, new LockedSet(LockedSet.Role.ROOTFS, arch, locked(rootfs(request, arch))));
        }
        add(sets, targets, new LockedSet(LockedSet.Role.QEMU, host, locked(List.of(qemu.apply(targets)))));
        add(
                sets,
                sameSuite() ? targets : tools,
                new LockedSet(LockedSet.Role.TOOLBOX, host, locked(toolbox.apply(tools))));
        List<LockedRepository> repositories = new ArrayList<>();
        sets.forEach((repo, list) -> {
            HashedFile release = repo.releaseFile();
            repositories.add(new LockedRepository(
                    LockedRepository.DEB,
                    repo.config().mirror(),
                    repo.config().suite(),
                    release.path(),
                    repo.release().date(),
                    release.sha256(),
                    list));
        });
        return new Lockfile(Lockfile.VERSION, request, repositories);
    }

    private boolean sameSuite() {
        return targets.config().mirror().equals(tools.config().mirror())
                && targets.config().suite().equals(tools.config().suite());
    }

    private static void add(Map<DebianRepository, List<LockedSet>> sets, DebianRepository repo, LockedSet set) {
        sets.computeIfAbsent(repo, r -> new ArrayList<>()).add(set);
    }

    /** The set a rootfs build resolves for {@code arch}: the variant plus the includes, over the suite's main. */
    private List<BinaryPackage> rootfs(LockRequest request, String arch) {
        PackageIndex index = PackageIndex.fromParagraphs(
                targets.packages(COMPONENT, arch), arch, targets.config().suite() + "/" + COMPONENT);
        return List.copyOf(new Resolver(index)
                .resolve(Variant.fromName(request.variant()), request.include())
                .packages());
    }

    private static List<LockedPackage> locked(List<BinaryPackage> packages) {
        return packages.stream().map(LockedPackage::of).toList();
    }
}

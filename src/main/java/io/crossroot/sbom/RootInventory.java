package io.crossroot.sbom;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory of a Debian root filesystem: every package its dpkg database records as installed, with the
 * license its copyright file declares, and where the .deb came from when the build knows it ({@link DebOrigin}s
 * from the resolution or a lockfile). Everything is read inside the root ({@link io.crossroot.util.ConfinedRoot}).
 */
public final class RootInventory {
    /** What is known of a .deb beyond the dpkg database: its SHA256 and URL (either may be null). */
    private record Known(String sha256, String downloadLocation) {}

    private final Map<String, Known> known = new HashMap<>();
    private final String suite;

    /**
     * @param origins the .debs the root was built from (may be empty: a root crossroot did not build)
     * @param mirror  the mirror they came from, for their download location (may be null)
     * @param suite   the Debian suite, for the purl's distro qualifier; null when not known
     */
    public RootInventory(Collection<DebOrigin> origins, URI mirror, String suite) {
        origins.forEach(o -> known.put(o.key(), new Known(o.sha256(), downloadLocation(mirror, o.poolPath()))));
        this.suite = suite;
    }

    /**
     * For a root changed since {@code earlier} was read (a recipe's steps ran in it): packages still there keep
     * what {@code earlier} knew of their .debs, others are listed from the dpkg database alone.
     */
    public static RootInventory after(Inventory earlier, String suite) {
        RootInventory r = new RootInventory(List.of(), null, suite);
        earlier.packages()
                .forEach(p -> r.known.put(
                        DebOrigin.key(p.name(), p.version(), p.architecture()),
                        new Known(p.sha256(), p.downloadLocation())));
        return r;
    }

    public Inventory read(Path root, String artifactName, long createdEpochSecond) throws IOException {
        List<InventoryPackage> packages = new ArrayList<>();
        for (InstalledPackage p : DpkgStatus.read(root)) {
            Known origin = known.get(DebOrigin.key(p.name(), p.version(), p.architecture()));
            packages.add(new InventoryPackage(
                    p.name(),
                    p.version(),
                    p.architecture(),
                    p.sourceName(),
                    p.sourceVersion(),
                    DebianCopyright.license(root, p.name()),
                    origin == null ? null : origin.sha256(),
                    origin == null ? null : origin.downloadLocation()));
        }
        return new Inventory(
                artifactName,
                createdEpochSecond,
                suite == null ? "debian" : "debian-" + suite,
                packages,
                PackageFormat.DEB);
    }

    private static String downloadLocation(URI mirror, String poolPath) {
        if (mirror == null || poolPath == null || poolPath.isBlank()) {
            return null;
        }
        String base = mirror.toString();
        return (base.endsWith("/") ? base : base + "/") + poolPath.strip();
    }
}

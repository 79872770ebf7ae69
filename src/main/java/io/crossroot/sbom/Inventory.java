package io.crossroot.sbom;

import java.util.Comparator;
import java.util.List;

/**
 * The software inventory of one artifact crossroot built: its name, the time recorded as its creation
 * (SOURCE_DATE_EPOCH, so a rebuild gives the same document), the distribution the packages came from, and the
 * packages, sorted so equal contents give equal documents.
 *
 * @param distro the purl "distro" qualifier, "debian-SUITE" or "openeuler-24.03"
 * @param format the kind of packages listed
 */
public record Inventory(
        String artifactName,
        long createdEpochSecond,
        String distro,
        List<InventoryPackage> packages,
        PackageFormat format) {
    private static final Comparator<InventoryPackage> ORDER = Comparator.comparing(InventoryPackage::name)
            .thenComparing(InventoryPackage::architecture)
            .thenComparing(InventoryPackage::version);

    public Inventory {
        packages = packages.stream().sorted(ORDER).toList();
    }

    /** This inventory under another artifact name (a copy written for another output). */
    public Inventory named(String name) {
        return new Inventory(name, createdEpochSecond, distro, packages, format);
    }
}

package io.crossroot.sbom;

/** The kind of package an inventory lists, which decides its package URLs and how its source is named. */
public enum PackageFormat {
    /** pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=DISTRO */
    DEB("Debian source package"),
    /** pkg:rpm/VENDOR/NAME@VERSION-RELEASE?arch=ARCH&epoch=E&distro=DISTRO, the vendor being the distro's first word */
    RPM("source RPM");

    private final String sourceKind;

    PackageFormat(String sourceKind) {
        this.sourceKind = sourceKind;
    }

    /** "Debian source package", "source RPM": what {@link InventoryPackage#sourceName} names. */
    public String sourceKind() {
        return sourceKind;
    }
}

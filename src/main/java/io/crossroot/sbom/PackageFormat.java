package io.crossroot.sbom;

/** The kind of package an inventory lists, which decides its package URLs and how its source is named. */
public enum PackageFormat {
    /** pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=DISTRO */
    DEB(
            "deb",
            "Debian source package",
            "the Debian copyright files name '%s'; its text is in "
                    + "/usr/share/doc/PACKAGE/copyright of each package declaring it."),
    /** pkg:rpm/VENDOR/NAME@VERSION-RELEASE?arch=ARCH&epoch=E&distro=DISTRO, the vendor being the distro's first word */
    RPM(
            "rpm",
            "source RPM",
            "the packages' License tag names '%s'; its text is in /usr/share/licenses/PACKAGE "
                    + "of each package declaring it.");

    private final String id;
    private final String sourceKind;
    private final String licenseSource;

    PackageFormat(String id, String sourceKind, String licenseSource) {
        this.id = id;
        this.sourceKind = sourceKind;
        this.licenseSource = licenseSource;
    }

    /** "deb", "rpm": the purl type, and the word in SPDX element ids. */
    public String id() {
        return id;
    }

    /** Where a license name no SPDX identifier covers came from, and where its text is. */
    public String licenseSource(String name) {
        return "The license " + licenseSource.formatted(name);
    }

    /** "Debian source package", "source RPM": what {@link InventoryPackage#sourceName} names. */
    public String sourceKind() {
        return sourceKind;
    }
}

package io.crossroot.sbom;

import io.crossroot.rpm.repo.RpmPackage;
import java.util.List;
import java.util.Map;

/** The inventory of a root installed from rpm-md repositories: each package as primary.xml described it. */
public final class RpmInventory {
    private static final String SOURCE_SUFFIX = ".src.rpm";

    private RpmInventory() {}

    /**
     * {@code installed} with the URL each .rpm was fetched from; its license is the header's License, in SPDX form
     * where it is a license name SPDX knows, a LicenseRef- otherwise.
     */
    public static Inventory of(
            String artifactName,
            long createdEpochSecond,
            String distro,
            List<RpmPackage> installed,
            Map<RpmPackage, String> downloadUrls) {
        List<InventoryPackage> packages = installed.stream()
                .map(p -> new InventoryPackage(
                        p.name(),
                        version(p),
                        p.arch(),
                        sourceName(p),
                        sourceVersion(p),
                        p.license().isBlank() ? InventoryPackage.NOASSERTION : SpdxLicenses.expression(p.license()),
                        p.file().checksum().type().equals("sha256")
                                ? p.file().checksum().hex()
                                : null,
                        downloadUrls.get(p)))
                .toList();
        return new Inventory(artifactName, createdEpochSecond, distro, packages, PackageFormat.RPM);
    }

    /** [EPOCH:]VERSION-RELEASE as rpm -q shows it: no epoch when it is 0. */
    public static String version(RpmPackage p) {
        String vr = p.evr().version() + p.evr().release().map(r -> "-" + r).orElse("");
        return p.evr().epoch() == 0 ? vr : p.evr().epoch() + ":" + vr;
    }

    /** The source RPM's name: "glibc-2.38-1.src.rpm" without its version and release. */
    static String sourceName(RpmPackage p) {
        String nvr = sourceNvr(p);
        String[] parts = nvr.split("-");
        return parts.length >= 3 ? String.join("-", List.of(parts).subList(0, parts.length - 2)) : p.name();
    }

    static String sourceVersion(RpmPackage p) {
        String nvr = sourceNvr(p);
        String[] parts = nvr.split("-");
        return parts.length >= 3
                ? parts[parts.length - 2] + "-" + parts[parts.length - 1]
                : p.evr().toString();
    }

    private static String sourceNvr(RpmPackage p) {
        String s = p.sourceRpm() == null ? "" : p.sourceRpm();
        return s.endsWith(SOURCE_SUFFIX) ? s.substring(0, s.length() - SOURCE_SUFFIX.length()) : "";
    }
}

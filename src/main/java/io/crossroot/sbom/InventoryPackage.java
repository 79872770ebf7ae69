package io.crossroot.sbom;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One installed package as an inventory lists it.
 *
 * @param license          an SPDX license expression, or {@link #NOASSERTION}
 * @param sha256           the package file's SHA256 (lower-case hex), or null when not known
 * @param downloadLocation the package file's URL on the mirror it came from, or null when not known
 */
public record InventoryPackage(
        String name,
        String version,
        String architecture,
        String sourceName,
        String sourceVersion,
        String license,
        String sha256,
        String downloadLocation) {
    public static final String NOASSERTION = "NOASSERTION";

    public InventoryPackage {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(architecture);
        Objects.requireNonNull(sourceName);
        Objects.requireNonNull(sourceVersion);
        Objects.requireNonNull(license);
    }

    /** The package URL as the purl spec defines it for {@code format} (see {@link PackageFormat}). */
    public String purl(PackageFormat format, String distro) {
        if (format == PackageFormat.DEB) {
            return "pkg:deb/debian/" + encode(name) + "@" + encode(version) + "?arch=" + encode(architecture)
                    + "&distro=" + encode(distro);
        }
        int colon = version.indexOf(':');
        String vendor = distro.split("-", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return "pkg:rpm/" + encode(vendor) + "/" + encode(name) + "@" + encode(version.substring(colon + 1))
                + "?arch=" + encode(architecture)
                + (colon > 0 ? "&epoch=" + encode(version.substring(0, colon)) : "")
                + "&distro=" + encode(distro);
    }

    /** Percent-encodes all but letters, digits and ".-_~": an epoch's ':' and a '+' are encoded, as purl asks. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ".-_~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}

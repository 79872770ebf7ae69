package io.crossroot.rpm.repo;

import io.crossroot.rpm.RpmDependency;
import io.crossroot.rpm.RpmVersion;
import io.crossroot.util.UserError;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams primary.xml: one immutable {@link RpmPackage} at a time, so a distribution's tens of thousands of
 * packages never sit in memory as XML. The package count must match the root's packages attribute (a file cut
 * short is an error, not a smaller repository).
 */
final class PrimaryReader {
    private enum DepKind {
        PROVIDES,
        REQUIRES,
        CONFLICTS,
        OBSOLETES,
        RECOMMENDS,
        SUGGESTS,
        SUPPLEMENTS,
        ENHANCES
    }

    private PrimaryReader() {}

    /** Reads every package of {@code in} to {@code action}; returns the count. */
    static int read(InputStream in, String source, Consumer<RpmPackage> action) {
        XMLStreamReader r = MetadataXml.open(in, source);
        try {
            MetadataXml.toRoot(r);
            if (!MetadataXml.COMMON_NS.equals(r.getNamespaceURI())
                    || !r.getLocalName().equals("metadata")) {
                throw MetadataXml.invalid(
                        source,
                        r,
                        "the root element is <" + r.getLocalName() + ">, not <metadata> " + "of "
                                + MetadataXml.COMMON_NS);
            }
            String declared = r.getAttributeValue(null, "packages");
            int count = 0;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (r.getLocalName().equals("package") && "rpm".equals(r.getAttributeValue(null, "type"))) {
                    action.accept(pkg(r, source));
                    count++;
                } else {
                    XmlSkip.element(r);
                }
            }
            if (declared != null && !declared.equals(Integer.toString(count))) {
                throw new RpmMetadataError(source + " declares " + declared + " packages but holds " + count + ". The "
                        + "file is damaged or was cut short; retry later or use another mirror of the repository.");
            }
            return count;
        } catch (XMLStreamException e) {
            throw MetadataXml.malformed(source, e);
        }
    }

    private static RpmPackage pkg(XMLStreamReader r, String source) throws XMLStreamException {
        int line = r.getLocation().getLineNumber();
        String name = null;
        String arch = null;
        RpmVersion evr = null;
        String checksumType = null;
        String checksum = null;
        String href = null;
        long size = -1;
        String license = "";
        String sourceRpm = "";
        Map<DepKind, List<RpmDependency>> deps = new EnumMap<>(DepKind.class);
        for (DepKind k : DepKind.values()) {
            deps.put(k, new ArrayList<>());
        }
        List<RpmDependency> pre = new ArrayList<>();
        List<ListedFile> files = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "name" -> name = r.getElementText().strip();
                case "arch" -> arch = r.getElementText().strip();
                case "version" -> {
                    evr = version(r, source, name);
                    XmlSkip.element(r);
                }
                case "checksum" -> {
                    checksumType = r.getAttributeValue(null, "type");
                    checksum = r.getElementText();
                }
                case "size" -> {
                    size = sizeOf(r, source, name);
                    XmlSkip.element(r);
                }
                case "location" -> {
                    if (r.getAttributeValue(XmlSkip.XML_NS, "base") != null) {
                        throw MetadataXml.invalid(
                                source,
                                r,
                                "package " + name + " has a location with xml:base, which "
                                        + "crossroot does not follow: every package must come from the repository itself");
                    }
                    href = r.getAttributeValue(null, "href");
                    XmlSkip.element(r);
                }
                case "format" -> {
                    String[] licenseAndSource = format(r, source, name, deps, pre, files);
                    license = licenseAndSource[0];
                    sourceRpm = licenseAndSource[1];
                }
                default -> XmlSkip.element(r);
            }
        }
        if (name == null || arch == null || evr == null || checksum == null || href == null || size < 0) {
            throw new RpmMetadataError(source + " line " + line + ": the package entry"
                    + (name == null ? "" : " for " + name) + " lacks its name, arch, version, checksum, location or "
                    + "size. The repository's metadata is damaged; crossroot cannot use it.");
        }
        RepoFile file;
        try {
            file = new RepoFile(href, new Checksum(checksumType, checksum), size);
        } catch (IllegalArgumentException e) {
            throw new RpmMetadataError(source + " line " + line + ": package " + name + " is unusable: "
                    + e.getMessage() + ". The repository's metadata is damaged or hostile; crossroot will not use it.");
        }
        List<RpmDependency.Simple> provides = new ArrayList<>();
        for (RpmDependency d : deps.get(DepKind.PROVIDES)) {
            if (!(d instanceof RpmDependency.Simple s)) {
                throw new RpmMetadataError(source + " line " + line + ": package " + name + " provides the rich "
                        + "dependency " + d + "; rpm allows only simple provides. The metadata is damaged.");
            }
            provides.add(s);
        }
        return new RpmPackage(
                name,
                arch,
                evr,
                file,
                license,
                sourceRpm,
                provides,
                deps.get(DepKind.REQUIRES),
                pre,
                deps.get(DepKind.CONFLICTS),
                deps.get(DepKind.OBSOLETES),
                deps.get(DepKind.RECOMMENDS),
                deps.get(DepKind.SUGGESTS),
                deps.get(DepKind.SUPPLEMENTS),
                deps.get(DepKind.ENHANCES),
                files);
    }

    /** Reads {@code <format>} into the lists given; returns the license and source rpm. */
    private static String[] format(
            XMLStreamReader r,
            String source,
            String name,
            Map<DepKind, List<RpmDependency>> deps,
            List<RpmDependency> pre,
            List<ListedFile> files)
            throws XMLStreamException {
        String license = "";
        String sourceRpm = "";
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String local = r.getLocalName();
            if (MetadataXml.RPM_NS.equals(r.getNamespaceURI())) {
                DepKind kind = depKind(local);
                if (kind != null) {
                    entries(r, source, name, deps.get(kind), kind == DepKind.REQUIRES ? pre : null);
                    continue;
                }
                if (local.equals("license")) {
                    license = r.getElementText().strip();
                    continue;
                }
                if (local.equals("sourcerpm")) {
                    sourceRpm = r.getElementText().strip();
                    continue;
                }
            } else if (local.equals("file")) {
                ListedFile.Kind kind = ListedFile.kindOf(r.getAttributeValue(null, "type"));
                files.add(new ListedFile(r.getElementText(), kind));
                continue;
            }
            XmlSkip.element(r);
        }
        return new String[] {license, sourceRpm};
    }

    private static DepKind depKind(String local) {
        for (DepKind k : DepKind.values()) {
            if (k.name().toLowerCase(java.util.Locale.ROOT).equals(local)) {
                return k;
            }
        }
        return null;
    }

    private static void entries(
            XMLStreamReader r, String source, String name, List<RpmDependency> out, List<RpmDependency> pre)
            throws XMLStreamException {
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("entry")) {
                XmlSkip.element(r);
                continue;
            }
            RpmDependency d;
            try {
                d = RpmDependency.ofEntry(
                        r.getAttributeValue(null, "name"),
                        r.getAttributeValue(null, "flags"),
                        r.getAttributeValue(null, "epoch"),
                        r.getAttributeValue(null, "ver"),
                        r.getAttributeValue(null, "rel"));
            } catch (UserError | IllegalArgumentException | NullPointerException e) {
                throw MetadataXml.invalid(
                        source, r, "package " + name + " has an unusable dependency: " + e.getMessage());
            }
            out.add(d);
            if (pre != null && "1".equals(r.getAttributeValue(null, "pre"))) {
                pre.add(d);
            }
            XmlSkip.element(r);
        }
    }

    private static RpmVersion version(XMLStreamReader r, String source, String name) {
        try {
            return RpmVersion.of(
                    r.getAttributeValue(null, "epoch"),
                    r.getAttributeValue(null, "ver"),
                    r.getAttributeValue(null, "rel"));
        } catch (UserError e) {
            throw MetadataXml.invalid(source, r, "package " + name + " has an unusable version: " + e.getMessage());
        }
    }

    private static long sizeOf(XMLStreamReader r, String source, String name) {
        String text = r.getAttributeValue(null, "package");
        try {
            long n = Long.parseLong(text == null ? "" : text.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MetadataXml.invalid(source, r, "package " + name + " has the size '" + text + "', not a number");
    }
}

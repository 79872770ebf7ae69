package io.crossroot.pkgbuild.repo;

import io.crossroot.util.UserError;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an rpm-md primary.xml (the package list createrepo writes, referenced by repodata/repomd.xml) into
 * {@link PackageEntry} records: name, EVR, arch, location, size, SHA256, requires and provides. Streams with
 * StAX, so Fedora-sized files need no DOM; external entities are off.
 */
public final class RpmMdPrimary {
    private RpmMdPrimary() {}

    public static List<PackageEntry> parse(InputStream in, String source) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader r = f.createXMLStreamReader(in);
            List<PackageEntry> out = new ArrayList<>();
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("package")) {
                    out.add(readPackage(r));
                }
            }
            return out;
        } catch (XMLStreamException e) {
            throw new UserError("The rpm-md package list " + source + " is not valid primary.xml: " + e.getMessage(), e);
        }
    }

    private static PackageEntry readPackage(XMLStreamReader r) throws XMLStreamException {
        Builder b = new Builder();
        String list = null; // "provides" or "requires" while inside one
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if (r.getLocalName().equals("package")) {
                    return b.build();
                }
                if (r.getLocalName().equals(list)) {
                    list = null;
                }
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "name" -> b.name = r.getElementText();
                case "arch" -> b.arch = r.getElementText();
                case "version" -> b.version = evr(r.getAttributeValue(null, "epoch"), r.getAttributeValue(null, "ver"),
                        r.getAttributeValue(null, "rel"));
                case "checksum" -> {
                    String type = r.getAttributeValue(null, "type");
                    String value = r.getElementText().strip();
                    if ("sha256".equals(type)) {
                        b.sha256 = value;
                    }
                }
                case "size" -> b.size = Long.parseLong(r.getAttributeValue(null, "package"));
                case "location" -> b.location = r.getAttributeValue(null, "href");
                case "provides", "requires" -> list = r.getLocalName();
                case "entry" -> {
                    if ("provides".equals(list)) {
                        b.provides.add(r.getAttributeValue(null, "name"));
                    } else if ("requires".equals(list)) {
                        b.requires.add(r.getAttributeValue(null, "name"));
                    }
                }
                default -> { }
            }
        }
        throw new XMLStreamException("unterminated <package>");
    }

    /** rpm's EVR text: the epoch only when it is not 0. */
    static String evr(String epoch, String ver, String rel) {
        String e = epoch == null || epoch.equals("0") ? "" : epoch + ":";
        return e + ver + (rel == null || rel.isEmpty() ? "" : "-" + rel);
    }

    private static final class Builder {
        String name;
        String arch;
        String version;
        String sha256;
        String location;
        long size;
        final List<String> requires = new ArrayList<>();
        final List<String> provides = new ArrayList<>();

        PackageEntry build() throws XMLStreamException {
            if (name == null || version == null || location == null) {
                throw new XMLStreamException("a <package> lacks name, version or location");
            }
            // a package always provides itself in rpm-md; keep only the other names
            provides.remove(name);
            return new PackageEntry(name, version, arch, location, size, sha256, requires, provides);
        }
    }
}

package io.crossroot.rpm.repo;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** A repository's index, repodata/repomd.xml: its revision and the metadata files it vouches for. */
public record Repomd(String revision, List<RepomdEntry> entries) {
    public Repomd {
        entries = List.copyOf(entries);
    }

    /** The entry of {@code type} (e.g. "primary"), if listed. */
    public Optional<RepomdEntry> entry(String type) {
        return entries.stream().filter(e -> e.type().equals(type)).findFirst();
    }

    /** Parses repomd.xml; {@code source} (its URL) names it in errors. */
    public static Repomd parse(byte[] xml, String source) {
        XMLStreamReader r = MetadataXml.open(new ByteArrayInputStream(xml), source);
        try {
            MetadataXml.toRoot(r);
            if (!MetadataXml.REPO_NS.equals(r.getNamespaceURI())
                    || !r.getLocalName().equals("repomd")) {
                throw MetadataXml.invalid(
                        source,
                        r,
                        "the root element is <" + r.getLocalName() + "> in namespace '" + r.getNamespaceURI()
                                + "', not <repomd> of " + MetadataXml.REPO_NS);
            }
            String revision = "";
            List<RepomdEntry> entries = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "revision" -> revision = r.getElementText().strip();
                    case "data" -> entries.add(data(r, source));
                    default -> XmlSkip.element(r);
                }
            }
            return new Repomd(revision, entries);
        } catch (XMLStreamException e) {
            throw MetadataXml.malformed(source, e);
        }
    }

    private static RepomdEntry data(XMLStreamReader r, String source) throws XMLStreamException {
        String type = r.getAttributeValue(null, "type");
        int line = r.getLocation().getLineNumber();
        if (type == null || type.isBlank()) {
            throw MetadataXml.invalid(source, r, "a <data> entry has no type");
        }
        String checksumType = null;
        String checksum = null;
        String openType = null;
        String openChecksum = null;
        String href = null;
        Long size = null;
        Long openSize = null;
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            switch (r.getLocalName()) {
                case "checksum" -> {
                    checksumType = r.getAttributeValue(null, "type");
                    checksum = r.getElementText();
                }
                case "open-checksum" -> {
                    openType = r.getAttributeValue(null, "type");
                    openChecksum = r.getElementText();
                }
                case "location" -> {
                    href = r.getAttributeValue(null, "href");
                    if (r.getAttributeValue(XmlSkip.XML_NS, "base") != null) {
                        throw MetadataXml.invalid(
                                source,
                                r,
                                "the " + type + " entry's location has an xml:base, "
                                        + "which crossroot does not follow: every file must come from the repository itself");
                    }
                    XmlSkip.element(r);
                }
                case "size" -> size = number(r, source, type, "size");
                case "open-size" -> openSize = number(r, source, type, "open-size");
                default -> XmlSkip.element(r);
            }
        }
        if (checksum == null || href == null || size == null) {
            throw new RpmMetadataError(source + " line " + line + ": the " + type + " entry lacks "
                    + (checksum == null ? "<checksum>" : href == null ? "<location href>" : "<size>")
                    + ". The repository's metadata is damaged or not rpm-md; crossroot cannot use it.");
        }
        try {
            RepoFile file = new RepoFile(href, new Checksum(checksumType, checksum), size);
            Optional<Checksum> open =
                    openChecksum == null ? Optional.empty() : Optional.of(new Checksum(openType, openChecksum));
            return new RepomdEntry(
                    type, file, open, openSize == null ? OptionalLong.empty() : OptionalLong.of(openSize));
        } catch (IllegalArgumentException e) {
            throw new RpmMetadataError(source + " line " + line + ": the " + type + " entry is unusable: "
                    + e.getMessage() + ". The repository's metadata is damaged or hostile; crossroot will not use it.");
        }
    }

    private static long number(XMLStreamReader r, String source, String type, String what) throws XMLStreamException {
        String text = r.getElementText().strip();
        try {
            long n = Long.parseLong(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw MetadataXml.invalid(source, r, "the " + type + " entry's <" + what + "> '" + text + "' is not a size");
    }
}

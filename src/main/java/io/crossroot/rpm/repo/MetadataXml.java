package io.crossroot.rpm.repo;

import java.io.InputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX for repository metadata: no DTD processing and no external entities (a DOCTYPE, as comps files carry, is
 * skipped, never fetched), and errors that name the file and line.
 */
final class MetadataXml {
    static final String REPO_NS = "http://linux.duke.edu/metadata/repo";
    static final String COMMON_NS = "http://linux.duke.edu/metadata/common";
    static final String RPM_NS = "http://linux.duke.edu/metadata/rpm";
    static final String FILELISTS_NS = "http://linux.duke.edu/metadata/filelists";

    private static final XMLInputFactory FACTORY = factory();

    private MetadataXml() {}

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity " + systemId + " refused");
        });
        return f;
    }

    static XMLStreamReader open(InputStream in, String source) {
        try {
            return FACTORY.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw malformed(source, e);
        }
    }

    /** Moves to the root element, past the prolog (declaration, comments, a DOCTYPE left unprocessed). */
    static void toRoot(XMLStreamReader r) throws XMLStreamException {
        while (r.next() != XMLStreamConstants.START_ELEMENT) {
            // prolog events carry nothing a reader needs
        }
    }

    /** The error for XML that does not parse, naming the line where it fails. */
    static RpmMetadataError malformed(String source, XMLStreamException e) {
        Location at = e.getLocation();
        String message = e.getMessage() == null
                ? ""
                : e.getMessage().replaceFirst("(?s)^ParseError at \\[[^]]*]\\s*Message:\\s*", "");
        return new RpmMetadataError(
                source + " is not well-formed XML"
                        + (at == null || at.getLineNumber() < 0
                                ? ""
                                : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")")
                        + ": " + message.strip()
                        + ". The repository's metadata is damaged or was cut short; retry later or use another mirror of "
                        + "the repository.",
                e);
    }

    /** The error for well-formed XML with an unusable element, naming the line. */
    static RpmMetadataError invalid(String source, XMLStreamReader r, String what) {
        return new RpmMetadataError(source + " line " + r.getLocation().getLineNumber() + ": " + what + ". The "
                + "repository's metadata is damaged or not rpm-md; crossroot cannot use it.");
    }
}

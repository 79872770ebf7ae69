package io.crossroot.rpm.repo;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Skips what a reader does not need. */
final class XmlSkip {
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private XmlSkip() {}

    /** From a START_ELEMENT to its matching END_ELEMENT. */
    static void element(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}

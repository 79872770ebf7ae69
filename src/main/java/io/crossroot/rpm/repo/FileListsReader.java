package io.crossroot.rpm.repo;

import io.crossroot.rpm.RpmVersion;
import io.crossroot.util.UserError;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Streams filelists.xml, one {@link PackageFiles} at a time. */
final class FileListsReader {
    private FileListsReader() {}

    static int read(InputStream in, String source, Consumer<PackageFiles> action) {
        XMLStreamReader r = MetadataXml.open(in, source);
        try {
            MetadataXml.toRoot(r);
            if (!MetadataXml.FILELISTS_NS.equals(r.getNamespaceURI())
                    || !r.getLocalName().equals("filelists")) {
                throw MetadataXml.invalid(
                        source,
                        r,
                        "the root element is <" + r.getLocalName() + ">, not <filelists> " + "of "
                                + MetadataXml.FILELISTS_NS);
            }
            int count = 0;
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if (!r.getLocalName().equals("package")) {
                    XmlSkip.element(r);
                    continue;
                }
                String pkgid = r.getAttributeValue(null, "pkgid");
                String name = r.getAttributeValue(null, "name");
                String arch = r.getAttributeValue(null, "arch");
                if (pkgid == null || name == null || arch == null) {
                    throw MetadataXml.invalid(source, r, "a <package> lacks its pkgid, name or arch");
                }
                RpmVersion evr = null;
                List<ListedFile> files = new ArrayList<>();
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    if (r.getLocalName().equals("version")) {
                        try {
                            evr = RpmVersion.of(
                                    r.getAttributeValue(null, "epoch"),
                                    r.getAttributeValue(null, "ver"),
                                    r.getAttributeValue(null, "rel"));
                        } catch (UserError e) {
                            throw MetadataXml.invalid(source, r, "package " + name + ": " + e.getMessage());
                        }
                        XmlSkip.element(r);
                    } else if (r.getLocalName().equals("file")) {
                        ListedFile.Kind kind = ListedFile.kindOf(r.getAttributeValue(null, "type"));
                        files.add(new ListedFile(r.getElementText(), kind));
                    } else {
                        XmlSkip.element(r);
                    }
                }
                if (evr == null) {
                    throw MetadataXml.invalid(source, r, "package " + name + " has no <version>");
                }
                action.accept(new PackageFiles(pkgid, name, arch, evr, files));
                count++;
            }
            return count;
        } catch (XMLStreamException e) {
            throw MetadataXml.malformed(source, e);
        }
    }
}

package io.crossroot.rpm.repo;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads a comps file (groups and environments; categories and langpacks are not needed to build a root). */
final class CompsReader {
    private CompsReader() {}

    static Comps read(InputStream in, String source) {
        XMLStreamReader r = MetadataXml.open(in, source);
        try {
            MetadataXml.toRoot(r);
            if (!r.getLocalName().equals("comps")) {
                throw MetadataXml.invalid(source, r, "the root element is <" + r.getLocalName() + ">, not <comps>");
            }
            List<Comps.Group> groups = new ArrayList<>();
            List<Comps.Environment> environments = new ArrayList<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (r.getLocalName()) {
                    case "group" -> groups.add(group(r, source));
                    case "environment" -> environments.add(environment(r, source));
                    default -> XmlSkip.element(r);
                }
            }
            return new Comps(groups, environments);
        } catch (XMLStreamException e) {
            throw MetadataXml.malformed(source, e);
        }
    }

    private static Comps.Group group(XMLStreamReader r, String source) throws XMLStreamException {
        String id = null;
        String name = "";
        String description = "";
        boolean isDefault = false;
        boolean userVisible = true;
        List<String> mandatory = new ArrayList<>();
        List<String> defaults = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        Map<String, String> conditional = new LinkedHashMap<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            boolean translated = r.getAttributeValue(XmlSkip.XML_NS, "lang") != null;
            switch (r.getLocalName()) {
                case "id" -> id = r.getElementText().strip();
                case "name" ->
                    name = translated ? keep(name, r) : r.getElementText().strip();
                case "description" ->
                    description = translated
                            ? keep(description, r)
                            : r.getElementText().strip();
                case "default" -> isDefault = bool(r.getElementText());
                case "uservisible" -> userVisible = bool(r.getElementText());
                case "packagelist" -> {
                    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        if (!r.getLocalName().equals("packagereq")) {
                            XmlSkip.element(r);
                            continue;
                        }
                        String type = r.getAttributeValue(null, "type");
                        String requires = r.getAttributeValue(null, "requires");
                        String pkg = r.getElementText().strip();
                        switch (type == null ? "mandatory" : type) {
                            case "mandatory" -> mandatory.add(pkg);
                            case "default" -> defaults.add(pkg);
                            case "optional" -> optional.add(pkg);
                            case "conditional" -> {
                                if (requires == null) {
                                    throw MetadataXml.invalid(
                                            source, r, "the conditional package " + pkg + " names no requires");
                                }
                                conditional.put(pkg, requires);
                            }
                            default ->
                                throw MetadataXml.invalid(
                                        source,
                                        r,
                                        "package " + pkg + " of group " + id + " has the unknown type '" + type + "'");
                        }
                    }
                }
                default -> XmlSkip.element(r);
            }
        }
        if (id == null || id.isEmpty()) {
            throw MetadataXml.invalid(source, r, "a <group> has no <id>");
        }
        return new Comps.Group(
                id, name, description, isDefault, userVisible, mandatory, defaults, optional, conditional);
    }

    private static Comps.Environment environment(XMLStreamReader r, String source) throws XMLStreamException {
        String id = null;
        String name = "";
        String description = "";
        List<String> groups = new ArrayList<>();
        List<String> options = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            boolean translated = r.getAttributeValue(XmlSkip.XML_NS, "lang") != null;
            switch (r.getLocalName()) {
                case "id" -> id = r.getElementText().strip();
                case "name" ->
                    name = translated ? keep(name, r) : r.getElementText().strip();
                case "description" ->
                    description = translated
                            ? keep(description, r)
                            : r.getElementText().strip();
                case "grouplist" -> groupIds(r, groups);
                case "optionlist" -> groupIds(r, options);
                default -> XmlSkip.element(r);
            }
        }
        if (id == null || id.isEmpty()) {
            throw MetadataXml.invalid(source, r, "an <environment> has no <id>");
        }
        return new Comps.Environment(id, name, description, groups, options);
    }

    private static void groupIds(XMLStreamReader r, List<String> out) throws XMLStreamException {
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            if (r.getLocalName().equals("groupid")) {
                out.add(r.getElementText().strip());
            } else {
                XmlSkip.element(r);
            }
        }
    }

    /** Skips a translation, keeping the untranslated text already read. */
    private static String keep(String current, XMLStreamReader r) throws XMLStreamException {
        r.getElementText();
        return current;
    }

    private static boolean bool(String text) {
        return text.strip().equalsIgnoreCase("true");
    }
}

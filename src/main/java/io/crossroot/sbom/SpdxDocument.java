package io.crossroot.sbom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossroot.debian.Digests;
import io.crossroot.util.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An {@link Inventory} as an SPDX 2.3 JSON document: the artifact as the package the document describes,
 * containing one package per .deb (not file-analysed: its checksum is the .deb's). Byte-stable: the namespace
 * is derived from the content, "created" is the inventory's epoch, fields and packages come in a fixed order.
 */
public final class SpdxDocument {
    public static final String MEDIA_TYPE = "application/spdx+json";
    static final String NAMESPACE_BASE = "https://crossroot.io/spdx/";
    private static final String ARTIFACT_ID = "SPDXRef-Artifact";

    /**
     * The URLs SPDX 2.3 accepts as a download location (its spec's pattern): a host name with a top-level domain.
     * A mirror named by an address or a bare host (a local cache) has none, so its .debs' locations are not given.
     */
    private static final Pattern DOWNLOAD_LOCATION =
            Pattern.compile("([^:/?#]+://)?[a-z0-9]+([\\-.][a-z0-9]+){0,100}\\.[a-z]{2,5}(:[0-9]{1,5})?(/.*)?");

    private SpdxDocument() {}

    public static byte[] write(Inventory inventory) {
        ObjectNode doc = Json.object();
        doc.put("spdxVersion", "SPDX-2.3");
        doc.put("dataLicense", "CC0-1.0");
        doc.put("SPDXID", "SPDXRef-DOCUMENT");
        doc.put("name", inventory.artifactName());
        doc.put("documentNamespace", ""); // set below, from everything else
        ObjectNode creation = doc.putObject("creationInfo");
        creation.put(
                "created", Instant.ofEpochSecond(inventory.createdEpochSecond()).toString());
        creation.putArray("creators").add("Tool: crossroot");
        ArrayNode packages = doc.putArray("packages");
        ArrayNode relationships = Json.array();
        packages.add(artifact(inventory));
        relationships.add(relationship("SPDXRef-DOCUMENT", "DESCRIBES", ARTIFACT_ID));
        Set<String> ids = new HashSet<>();
        Set<String> refs = new TreeSet<>();
        for (InventoryPackage p : inventory.packages()) {
            String id = uniqueId(p, inventory.format(), ids);
            packages.add(packageNode(p, id, inventory));
            relationships.add(relationship(ARTIFACT_ID, "CONTAINS", id));
            refs.addAll(SpdxLicenses.refs(p.license()));
        }
        doc.set("relationships", relationships);
        if (!refs.isEmpty()) {
            ArrayNode extracted = doc.putArray("hasExtractedLicensingInfos");
            for (String ref : refs) {
                ObjectNode info = extracted.addObject();
                info.put("licenseId", ref);
                info.put("name", ref.substring(SpdxLicenses.REF_PREFIX.length()));
                info.put(
                        "extractedText",
                        inventory.format().licenseSource(ref.substring(SpdxLicenses.REF_PREFIX.length())));
            }
        }
        byte[] draft = Json.bytes(doc);
        doc.put(
                "documentNamespace",
                NAMESPACE_BASE + safe(inventory.artifactName()) + "-"
                        + HexFormat.of().formatHex(Digests.sha256().digest(draft)));
        return Json.bytes(doc);
    }

    private static ObjectNode artifact(Inventory inventory) {
        ObjectNode n = Json.object();
        n.put("SPDXID", ARTIFACT_ID);
        n.put("name", inventory.artifactName());
        n.put("downloadLocation", InventoryPackage.NOASSERTION);
        n.put("filesAnalyzed", false);
        n.put("licenseConcluded", InventoryPackage.NOASSERTION);
        n.put("licenseDeclared", InventoryPackage.NOASSERTION);
        n.put("copyrightText", InventoryPackage.NOASSERTION);
        n.put("primaryPackagePurpose", "OPERATING_SYSTEM");
        return n;
    }

    private static ObjectNode packageNode(InventoryPackage p, String id, Inventory inventory) {
        ObjectNode n = Json.object();
        n.put("SPDXID", id);
        n.put("name", p.name());
        n.put("versionInfo", p.version());
        n.put(
                "downloadLocation",
                p.downloadLocation() != null
                                && DOWNLOAD_LOCATION
                                        .matcher(p.downloadLocation())
                                        .matches()
                        ? p.downloadLocation()
                        : InventoryPackage.NOASSERTION);
        n.put("filesAnalyzed", false);
        if (p.sha256() != null) {
            ObjectNode c = n.putArray("checksums").addObject();
            c.put("algorithm", "SHA256");
            c.put("checksumValue", p.sha256());
        }
        n.put(
                "sourceInfo",
                "built from the " + inventory.format().sourceKind() + " " + p.sourceName() + " " + p.sourceVersion());
        n.put("licenseConcluded", InventoryPackage.NOASSERTION);
        n.put("licenseDeclared", p.license());
        n.put("copyrightText", InventoryPackage.NOASSERTION);
        ObjectNode ref = n.putArray("externalRefs").addObject();
        ref.put("referenceCategory", "PACKAGE-MANAGER");
        ref.put("referenceType", "purl");
        ref.put("referenceLocator", p.purl(inventory.format(), inventory.distro()));
        n.put("primaryPackagePurpose", "LIBRARY");
        return n;
    }

    private static ObjectNode relationship(String from, String type, String to) {
        ObjectNode n = Json.object();
        n.put("spdxElementId", from);
        n.put("relationshipType", type);
        n.put("relatedSpdxElement", to);
        return n;
    }

    /** SPDXRef-deb-NAME-ARCH (or -rpm-) in the characters an SPDX id allows, numbered when two would collide. */
    private static String uniqueId(InventoryPackage p, PackageFormat format, Set<String> taken) {
        String base = "SPDXRef-" + format.id() + "-" + safe(p.name() + "-" + p.architecture());
        String id = base;
        for (int i = 2; !taken.add(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    private static String safe(String s) {
        return s.replace("+", "-plus").replaceAll("[^A-Za-z0-9.-]", "-");
    }
}

package io.crossroot.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * An {@link Inventory} as a CycloneDX 1.6 JSON document. Byte-stable: the serial number is a UUID derived from
 * the rest of the document, the timestamp is the inventory's epoch.
 */
public final class CycloneDxDocument {
    public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";
    static final String SOURCE_PROPERTY = "io.crossroot:debian:source";

    private CycloneDxDocument() {}

    public static byte[] write(Inventory inventory) {
        Bom bom = new Bom();
        Metadata metadata = new Metadata();
        metadata.setTimestamp(new Date(inventory.createdEpochSecond() * 1000));
        Component artifact = new Component();
        artifact.setType(Component.Type.OPERATING_SYSTEM);
        artifact.setBomRef("artifact");
        artifact.setName(inventory.artifactName());
        metadata.setComponent(artifact);
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("crossroot");
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        bom.setMetadata(metadata);
        List<Component> components = new ArrayList<>();
        for (InventoryPackage p : inventory.packages()) {
            components.add(component(p, inventory));
        }
        bom.setComponents(components);
        String draft = json(bom);
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(draft.getBytes(StandardCharsets.UTF_8)));
        return json(bom).getBytes(StandardCharsets.UTF_8);
    }

    private static Component component(InventoryPackage p, Inventory inventory) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        String purl = p.purl(inventory.format(), inventory.distro());
        c.setBomRef(purl);
        c.setName(p.name());
        c.setVersion(p.version());
        c.setPurl(purl);
        if (p.sha256() != null) {
            c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, p.sha256())));
        }
        if (!p.license().equals(InventoryPackage.NOASSERTION)) {
            LicenseChoice license = new LicenseChoice();
            license.setExpression(new Expression(p.license()));
            c.setLicenses(license);
        }
        if (p.downloadLocation() != null) {
            ExternalReference distribution = new ExternalReference();
            distribution.setType(ExternalReference.Type.DISTRIBUTION);
            distribution.setUrl(p.downloadLocation());
            c.setExternalReferences(List.of(distribution));
        }
        Property source = new Property();
        source.setName(SOURCE_PROPERTY);
        source.setValue(p.sourceName() + " " + p.sourceVersion());
        c.setProperties(List.of(source));
        return c;
    }

    private static String json(Bom bom) {
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("CycloneDX cannot write the inventory: " + e.getMessage(), e);
        }
    }
}

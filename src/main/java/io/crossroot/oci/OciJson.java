package io.crossroot.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossroot.arch.Arch;
import io.crossroot.util.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The image-spec JSON documents, built field by field in a fixed order so equal inputs give equal bytes. */
final class OciJson {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String EMPTY = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY_CONTENT = {'{', '}'};
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    /** containerd and Docker 25+ name loaded images after this annotation. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private OciJson() {}

    static byte[] config(Arch arch, ImageConfig config, Digest diffId, long epochSeconds, String createdBy) {
        ObjectNode n = Json.object();
        String created = Instant.ofEpochSecond(epochSeconds).toString();
        n.put("created", created);
        n.put("architecture", arch.ociArch());
        arch.variant().ifPresent(v -> n.put("variant", v));
        n.put("os", "linux");
        ObjectNode c = n.putObject("config");
        strings(c.putArray("Env"), config.effectiveEnv());
        if (!config.cmd().isEmpty()) {
            strings(c.putArray("Cmd"), config.cmd());
        }
        if (config.workdir() != null) {
            c.put("WorkingDir", config.workdir());
        }
        if (!config.labels().isEmpty()) {
            ObjectNode labels = c.putObject("Labels");
            config.labels().forEach(labels::put);
        }
        ObjectNode rootfs = n.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId.toString());
        ObjectNode history = n.putArray("history").addObject();
        history.put("created", created);
        history.put("created_by", createdBy);
        return Json.bytes(n);
    }

    static byte[] manifest(Descriptor config, List<Descriptor> layers) {
        ObjectNode n = Json.object();
        n.put("schemaVersion", 2);
        n.put("mediaType", MANIFEST);
        n.set("config", config.toJson());
        ArrayNode l = n.putArray("layers");
        layers.forEach(d -> l.add(d.toJson()));
        return Json.bytes(n);
    }

    static byte[] index(List<Descriptor> manifests) {
        return index(manifests, List.of());
    }

    /** An index of {@code manifests} and then of {@code artifacts} (manifests of the artifact type given). */
    static byte[] index(List<Descriptor> manifests, List<Map.Entry<Descriptor, String>> artifacts) {
        ObjectNode n = Json.object();
        n.put("schemaVersion", 2);
        n.put("mediaType", INDEX);
        ArrayNode m = n.putArray("manifests");
        manifests.forEach(d -> m.add(d.toJson()));
        artifacts.forEach(a -> m.add(a.getKey().toJson().put("artifactType", a.getValue())));
        return Json.bytes(n);
    }

    /**
     * An OCI 1.1 artifact manifest attaching {@code blob} (of {@code artifactType}) to the image manifest
     * {@code subject}: the config is the empty descriptor, as the image spec asks of an artifact without one.
     */
    static byte[] artifactManifest(String artifactType, Descriptor emptyConfig, Descriptor blob, Descriptor subject) {
        ObjectNode n = Json.object();
        n.put("schemaVersion", 2);
        n.put("mediaType", MANIFEST);
        n.put("artifactType", artifactType);
        n.set("config", emptyConfig.toJson());
        n.putArray("layers").add(blob.toJson());
        n.set("subject", subject.toJson());
        return Json.bytes(n);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}

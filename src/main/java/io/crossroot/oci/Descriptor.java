package io.crossroot.oci;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.crossroot.arch.Arch;
import java.util.Map;
import java.util.TreeMap;

/** An OCI content descriptor: what a blob is, its digest and size, and for index entries its platform. */
public record Descriptor(String mediaType, Digest digest, long size, Arch platform, Map<String, String> annotations) {
    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, null, Map.of());
    }

    Descriptor withPlatform(Arch arch) {
        return new Descriptor(mediaType, digest, size, arch, annotations);
    }

    Descriptor withAnnotation(String key, String value) {
        Map<String, String> a = new TreeMap<>(annotations);
        a.put(key, value);
        return new Descriptor(mediaType, digest, size, platform, a);
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("mediaType", mediaType);
        n.put("digest", digest.toString());
        n.put("size", size);
        if (platform != null) {
            ObjectNode p = n.putObject("platform");
            p.put("architecture", platform.ociArch());
            p.put("os", "linux");
            platform.variant().ifPresent(v -> p.put("variant", v));
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = n.putObject("annotations");
            new TreeMap<>(annotations).forEach(a::put);
        }
        return n;
    }
}

package io.crossroot.docker;

import java.util.List;

/**
 * What the engine knows of an image: id, platform (variant empty when the engine records none) and its layers'
 * diff ids, base first.
 */
public record ImageInfo(String id, String os, String architecture, String variant, List<String> layers) {
    public ImageInfo {
        layers = List.copyOf(layers);
    }

    /** OCI platform string as the engine sees it: os/architecture[/variant]. */
    public String platform() {
        return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}

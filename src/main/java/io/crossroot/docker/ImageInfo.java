package io.crossroot.docker;

/** What the engine knows of an image: id and platform (variant empty when the engine records none). */
public record ImageInfo(String id, String os, String architecture, String variant) {
    /** OCI platform string as the engine sees it: os/architecture[/variant]. */
    public String platform() {
        return os + "/" + architecture + (variant == null || variant.isEmpty() ? "" : "/" + variant);
    }
}

package io.crossroot.oci;

/** A written layer: its compressed blob (digest, size) and the sha256 of the uncompressed tar (diff_id). */
public record LayerBlob(Digest digest, long size, Digest diffId, LayerCompression compression) {
    Descriptor descriptor() {
        return Descriptor.of(compression.ociMediaType(), digest, size);
    }
}

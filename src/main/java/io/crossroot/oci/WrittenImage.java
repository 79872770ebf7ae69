package io.crossroot.oci;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished OCI image layout: {@code top} is the descriptor index.json names {@code reference} by (an image index
 * for several architectures, else the one manifest).
 */
public record WrittenImage(Path layout, ImageReference reference, Descriptor top, List<PlatformImage> images) {
    public WrittenImage {
        images = List.copyOf(images);
    }
}

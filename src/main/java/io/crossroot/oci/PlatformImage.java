package io.crossroot.oci;

import io.crossroot.arch.Arch;

/** One architecture's image in a layout: its manifest, config and single layer. */
public record PlatformImage(Arch arch, Descriptor manifest, Descriptor config, Descriptor layer) {}

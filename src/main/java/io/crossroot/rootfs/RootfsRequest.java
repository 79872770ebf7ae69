package io.crossroot.rootfs;

import io.crossroot.debian.resolve.Variant;
import java.nio.file.Path;
import java.util.List;

/** What to build: a Debian architecture (riscv64), the variant's set plus {@code include}, and where to put it. */
public record RootfsRequest(String arch, Variant variant, List<String> include, Path output) {
    public RootfsRequest {
        include = List.copyOf(include);
    }
}

package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How one --rootfs value reads: ARCH=PATH only when ARCH is an architecture crossroot knows. */
class RootfsTreeTest {
    private final RootfsTree.Converter converter = new RootfsTree.Converter();

    @Test
    void aKnownArchitectureBeforeTheEqualsSignNamesTheTree() {
        assertThat(converter.convert("arm64=out/arm64")).isEqualTo(new RootfsTree("arm64", Path.of("out/arm64")));
        assertThat(converter.convert("aarch64=out/a=b")).isEqualTo(new RootfsTree("aarch64", Path.of("out/a=b")));
    }

    @Test
    void otherwiseTheWholeValueIsThePath() {
        assertThat(converter.convert("out/riscv64")).isEqualTo(new RootfsTree(null, Path.of("out/riscv64")));
        assertThat(converter.convert("build=1/tree")).isEqualTo(new RootfsTree(null, Path.of("build=1/tree")));
        assertThat(converter.convert("=tree")).isEqualTo(new RootfsTree(null, Path.of("=tree")));
    }
}

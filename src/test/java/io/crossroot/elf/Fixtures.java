package io.crossroot.elf;

import java.nio.file.Path;

/** Real binaries from Debian packages; origins in src/test/resources/fixtures/elf/README.md. */
final class Fixtures {
    static final Path DIR = Path.of("src/test/resources/fixtures/elf");
    static final Path X86_64_TRUE = DIR.resolve("x86_64-true");
    static final Path ARM64_TRUE = DIR.resolve("arm64-true");
    static final Path ARMHF_TRUE = DIR.resolve("armhf-true");
    static final Path ARMEL_TRUE = DIR.resolve("armel-true");
    static final Path RISCV64_TRUE = DIR.resolve("riscv64-true");
    static final Path RISCV64_STATIC = DIR.resolve("riscv64-mksh-static");

    static final Path[] ALL = {X86_64_TRUE, ARM64_TRUE, ARMHF_TRUE, ARMEL_TRUE, RISCV64_TRUE, RISCV64_STATIC};

    private Fixtures() {}
}

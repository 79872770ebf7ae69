package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.binfmt.BinfmtMisc;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that run programs inside a foreign root register the interpreter they need themselves, as the host
 * should need nothing but a JDK. s390x: no other test uses it, so removing its entry disturbs nothing.
 */
@Tag("binfmt")
@Tag("mirror")
class EmulationOnDemandTest {
    private static final String ENTRY = "qemu-s390x";
    private final BinfmtMisc kernel = BinfmtMisc.system();

    @TempDir
    Path out;

    @BeforeEach
    void withoutAnS390xEntry() {
        assumeTrue("root".equals(System.getProperty("user.name")), "binfmt_misc registration needs root");
        kernel.ensureMounted();
        kernel.find(ENTRY).ifPresent(e -> kernel.remove(ENTRY));
        assumeTrue(!servesS390x(), "another binfmt entry serves s390x programs");
    }

    @AfterEach
    void removeTheEntry() {
        kernel.find(ENTRY).ifPresent(e -> kernel.remove(ENTRY));
    }

    @Test
    void pkgBuildRegistersTheMissingInterpreterBeforeItStarts() {
        CliRun r = CliRun.of(
                "pkg", "build", "--arch", "s390x", "--suite", "trixie", "no-such-source-package", "-o", out.toString());
        // the source does not exist, but the entry came first: the build would have run
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("emulation: " + ENTRY + " registered for s390x", "no-such-source-package");
        assertThat(servesS390x()).isTrue();
    }

    private boolean servesS390x() {
        return kernel.match(ArchCatalog.require("s390x").binfmtPattern().magic())
                .isPresent();
    }
}

package io.crossroot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.sbom.SbomFormat;
import org.junit.jupiter.api.Test;

class SbomOptionTest {
    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun r = CliRun.of("rootfs", "--arch", "riscv64", "--sbom", "xml", "-o", "/nonexistent/root");
        assertThat(r.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("'xml' is not an SBOM format; choose spdx or cyclonedx");
    }

    @Test
    void bothNamesOfEachFormatAreAccepted() {
        SbomOption.FormatConverter c = new SbomOption.FormatConverter();
        assertThat(c.convert("SPDX")).isEqualTo(SbomFormat.SPDX);
        assertThat(c.convert("cyclonedx")).isEqualTo(SbomFormat.CYCLONEDX);
        assertThat(c.convert("cdx")).isEqualTo(SbomFormat.CYCLONEDX);
    }
}

package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class DiskErrorsTest {
    @Test
    void mapsEnospcToAnActionableMessage() {
        IOException e = new FileSystemException("/out/hello.deb", null, "No space left on device");
        assertThat(DiskErrors.map(e, "collecting hello").getMessage())
                .contains("disk ran full while collecting hello")
                .contains("-o DIR")
                .contains("CROSSROOT_CACHE");
        assertThat(DiskErrors.map(new IOException("Permission denied"), "x").getMessage())
                .doesNotContain("disk ran full");
        assertThat(DiskErrors.isNoSpaceLine("cc1: fatal error: write: No space left on device"))
                .isTrue();
    }

    @Test
    void batchParallelismIsBoundByCoresAndMemory() {
        long gib = 1L << 30;
        assertThat(BatchBuilder.parallelism(5, 2, 19 * gib)).isEqualTo(2);
        assertThat(BatchBuilder.parallelism(5, 16, 9 * gib)).isEqualTo(2);
        assertThat(BatchBuilder.parallelism(1, 16, 64 * gib)).isEqualTo(1);
        assertThat(BatchBuilder.parallelism(3, 2, gib)).isEqualTo(1);
    }

    @Test
    void parsesTheShellsTimesOutput() {
        var t = CpuTimes.parse(
                        java.util.List.of(
                                "make: done", CpuTimes.MARKER, "0m0.010000s 0m0.002000s", "9m46.120000s 0m31.500000s"),
                        java.time.Duration.ofSeconds(600))
                .orElseThrow();
        assertThat(t.user()).isEqualTo(java.time.Duration.ofMillis(586_120));
        assertThat(t.sys()).isEqualTo(java.time.Duration.ofMillis(31_500));
    }
}

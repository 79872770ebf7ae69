package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.crossroot.util.Json;
import io.crossroot.util.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A genimage.cfg's offsets and alignments land in the written partition table, as util-linux's sfdisk reads it.
 * The partitions hold raw files only, which need none of the toolbox's programs.
 */
class GenimagePlacementTest {
    @TempDir
    Path tmp;

    Path input;

    @BeforeEach
    void setUp() throws Exception {
        input = Files.createDirectories(tmp.resolve("input"));
        Files.write(input.resolve("loader.bin"), new byte[300 * 1024]);
        Files.writeString(input.resolve("data.bin"), "data\n");
        Files.createDirectories(tmp.resolve("rootfs"));
    }

    private DiskImage build(String cfg) throws Exception {
        Path file = Files.writeString(tmp.resolve("genimage.cfg"), cfg);
        DiskPlan plan = DiskPlan.of(DiskLayoutFile.read(file), 0);
        return new DiskImageBuilder(null).build(plan, tmp.resolve("rootfs"), input, List.of(), tmp.resolve("disk.img"));
    }

    @Test
    void offsetAndAlignPlaceThePartitionsWhereTheFileSays() throws Exception {
        DiskImage img = build("""
                image disk.img {
                  hdimage { partition-table-type = "gpt"; align = 64K }
                  partition loader { image = "loader.bin"; offset = 3M; size = 512K }
                  partition data { image = "data.bin"; size = 1M }
                  partition big { image = "data.bin"; align = 2M; size = 2M }
                }
                """);
        JsonNode table = sfdisk(img.path());
        assertThat(table.get("label").asText()).isEqualTo("gpt");
        JsonNode parts = table.get("partitions");
        assertThat(parts).hasSize(3);
        // sectors of 512 bytes: loader at 3 MiB, data right after it on a 64 KiB boundary, big on a 2 MiB one
        assertThat(List.of(
                        parts.get(0).get("start").asLong(),
                        parts.get(0).get("size").asLong()))
                .containsExactly(6144L, 1024L);
        assertThat(List.of(
                        parts.get(1).get("start").asLong(),
                        parts.get(1).get("size").asLong()))
                .containsExactly(7168L, 2048L);
        assertThat(List.of(
                        parts.get(2).get("start").asLong(),
                        parts.get(2).get("size").asLong()))
                .containsExactly(12288L, 4096L);
        byte[] disk = Files.readAllBytes(img.path());
        assertThat(new String(disk, 7168 * 512, 5, StandardCharsets.US_ASCII)).isEqualTo("data\n");
    }

    @Test
    void anOffsetInsideThePreviousPartitionIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> build("""
                image disk.img {
                  hdimage { gpt = true }
                  partition loader { image = "loader.bin"; offset = 1M; size = 2M }
                  partition data { image = "data.bin"; offset = 2M; size = 1M }
                }
                """))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(
                        "Partition data is to start at offset 2097152 (2 MiB), but partition loader ends at 3145728");
        assertThat(tmp.resolve("disk.img")).doesNotExist();
    }

    private static JsonNode sfdisk(Path image) throws Exception {
        Process p = new ProcessBuilder("sfdisk", "--json", image.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return Json.read(out).get("partitiontable");
    }
}

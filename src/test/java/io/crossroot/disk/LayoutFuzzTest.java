package io.crossroot.disk;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Disk layouts written by others: genimage.cfg files and crossroot's layout YAML. */
class LayoutFuzzTest {
    @FuzzTest
    void genimage(byte[] data) throws Exception {
        acceptsOrExplains(() -> GenimageConfig.parse(new String(data, StandardCharsets.UTF_8), "fuzz.cfg"));
    }

    @FuzzTest
    void layoutYaml(byte[] data) throws Exception {
        acceptsOrExplains(() -> DiskLayoutFile.parseYaml(new String(data, StandardCharsets.UTF_8), "fuzz.yaml"));
    }
}

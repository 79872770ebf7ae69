package io.crossroot.oci.tree;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.crossroot.testing.Fuzzing;

/** A root file system given as a tar (image build --rootfs X.tar). */
class TarTreeFuzzTest {
    @FuzzTest
    void tar(byte[] data) throws Exception {
        acceptsOrExplains(() -> {
            try (TarTree tree = TarTree.open(Fuzzing.file(data, ".tar"))) {
                tree.entries();
            }
        });
    }
}

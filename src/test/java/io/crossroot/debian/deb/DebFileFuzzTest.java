package io.crossroot.debian.deb;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.crossroot.testing.Fuzzing;
import java.io.OutputStream;

/** A .deb: its ar container, the control archive and paragraph, and every data member. */
class DebFileFuzzTest {
    @FuzzTest
    void deb(byte[] data) throws Exception {
        DebFile deb = DebFile.of(Fuzzing.file(data, ".deb"));
        acceptsOrExplains(deb::control);
        acceptsOrExplains(() -> deb.forEachDataEntry((entry, in) -> in.transferTo(OutputStream.nullOutputStream())));
    }
}

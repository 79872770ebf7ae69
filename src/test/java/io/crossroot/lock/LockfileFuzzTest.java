package io.crossroot.lock;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Lockfiles come from other people's repositories: anything but a clear UserError is a finding. */
class LockfileFuzzTest {
    @FuzzTest
    void lockfile(byte[] data) throws Exception {
        acceptsOrExplains(() -> LockfileYaml.parse(new String(data, StandardCharsets.UTF_8), "fuzz.lock"));
    }
}

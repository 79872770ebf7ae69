package io.crossroot.elf;

import static io.crossroot.testing.Fuzzing.acceptsOrExplains;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.crossroot.testing.Fuzzing;

/** Any file handed to 'crossroot elf' or 'crossroot run', down to its dynamic section. */
class ElfFileFuzzTest {
    @FuzzTest
    void elf(byte[] data) throws Exception {
        acceptsOrExplains(() -> {
            ElfFile f = ElfFile.read(Fuzzing.file(data, ""));
            f.interpreter();
            f.needed();
            f.linkage();
            if (f.toString().isEmpty()) {
                throw new AssertionError("an ELF file describes itself as nothing");
            }
        });
    }
}

package io.crossroot.pkgbuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading acct(2) version-3 records (the kernel's layout, linux/acct.h) into the split by program. */
class ProcessAccountingTest {
    @TempDir
    Path dir;

    /** A record as the kernel writes it: flag, version 3, times in comp_t ticks of 1/100 s, the command's name. */
    private static byte[] record(String comm, short utime, short stime) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        b.put(1, (byte) 3);
        b.putShort(32, utime);
        b.putShort(34, stime);
        byte[] name = comm.getBytes(StandardCharsets.UTF_8);
        b.put(48, name, 0, Math.min(16, name.length));
        return b.array();
    }

    @Test
    void compTIsAThirteenBitMantissaWithAnOctalExponent() {
        assertThat(ProcessAccounting.compT((short) 100)).isEqualTo(100);
        assertThat(ProcessAccounting.compT((short) ((1 << 13) | 3))).isEqualTo(24);
        assertThat(ProcessAccounting.compT((short) 0xffff)).isEqualTo(0x1fffL << 21);
    }

    @Test
    void sumsByProgramAndSplitsNativeFromEmulated() throws Exception {
        Path file = dir.resolve("acct");
        try (var out = Files.newOutputStream(file)) {
            out.write(record("sh", (short) 10, (short) 5));
            out.write(record("cc1", (short) 300, (short) 20));
            out.write(record("sh", (short) 20, (short) 5));
            byte[] other = record("v2", (short) 999, (short) 0);
            other[1] = 2; // another format: skipped
            out.write(other);
        }
        List<ProcessAccounting.Program> programs = ProcessAccounting.read(file, Set.of("sh"));
        assertThat(programs).extracting(ProcessAccounting.Program::name).containsExactly("cc1", "sh");
        assertThat(programs.get(0).nativeTwin()).isFalse();
        assertThat(programs.get(0).seconds()).isCloseTo(3.2, within(1e-9));
        assertThat(programs.get(1).nativeTwin()).isTrue();
        assertThat(programs.get(1).runs()).isEqualTo(2);
        assertThat(programs.get(1).seconds()).isCloseTo(0.4, within(1e-9));
        assertThat(ProcessAccounting.summary(programs, 1))
                .first()
                .isEqualTo("processor time: native 0.4 s in 2 processes, emulated 3.2 s in 1 processes");
        assertThat(ProcessAccounting.summary(programs, 1)).hasSize(3);
    }
}

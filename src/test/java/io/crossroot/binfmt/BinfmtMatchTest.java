package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.arch.BinfmtPattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinfmtMatchTest {
    private static final BinfmtPattern ARM64 = ArchCatalog.require("arm64").binfmtPattern();

    @Test
    void firstEnabledMatchWinsAndOthersAreReported() {
        BinfmtEntry off = new BinfmtEntry("off", false, "/a", "F", 0, ARM64, null);
        BinfmtEntry first = new BinfmtEntry("first", true, "/b", "F", 0, ARM64, null);
        BinfmtEntry second = new BinfmtEntry("second", true, "/c", "", 0, ARM64, null);
        BinfmtMatch m =
                BinfmtMatch.among(List.of(off, first, second), ARM64.magic()).orElseThrow();
        assertThat(m.entry().name()).isEqualTo("first");
        assertThat(m.interpreter()).isEqualTo("/b");
        assertThat(m.ambiguous()).isTrue();
        assertThat(m.alsoMatching()).extracting(BinfmtEntry::name).containsExactly("second");
    }

    @Test
    void noMatch() {
        BinfmtEntry e = new BinfmtEntry("e", true, "/b", "F", 0, ARM64, null);
        assertThat(BinfmtMatch.among(List.of(e), new byte[128])).isEmpty();
    }
}

package io.crossroot.binfmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.BinfmtPattern;
import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Against the real kernel: registers an entry with a unique name and a random magic that no real file has, and
 * always removes it. Needs root and binfmt_misc; skipped otherwise. Never touches other entries.
 */
@Tag("binfmt")
class BinfmtMiscKernelTest {
    private static final String PREFIX = "crossroot-test-";
    private static final BinfmtMisc KERNEL = BinfmtMisc.system();

    @BeforeAll
    static void needsRootAndBinfmtMisc() {
        Assumptions.assumeTrue(ProcessUser.isRoot(), "not root");
        Assumptions.assumeTrue(Files.isDirectory(BinfmtMisc.DEFAULT_DIR), "kernel without binfmt_misc");
        KERNEL.ensureMounted();
    }

    @AfterAll
    static void removeLeftoversOfCrashedRuns() {
        if (KERNEL.isMounted()) {
            KERNEL.list().stream().filter(e -> e.name().startsWith(PREFIX)).forEach(e -> KERNEL.remove(e.name()));
        }
    }

    @Test
    void registerListMatchDisableRemove() {
        String name = PREFIX + ProcessHandle.current().pid() + "-" + System.nanoTime() % 1_000_000;
        byte[] magic = new byte[12];
        new SecureRandom().nextBytes(magic);
        magic[0] = 0;
        byte[] mask = new byte[12];
        Arrays.fill(mask, (byte) 0xff);
        mask[5] = (byte) 0xf0;
        int offset = 9;
        BinfmtRegistration reg =
                new BinfmtRegistration(name, offset, new BinfmtPattern(magic, mask), Path.of("/bin/sh"), "PF");
        byte[] header = new byte[128];
        System.arraycopy(magic, 0, header, offset, magic.length);
        header[offset + 5] ^= 0x0f; // masked-out bits do not matter
        try {
            KERNEL.register(reg);

            BinfmtEntry e = KERNEL.find(name).orElseThrow();
            assertThat(e.enabled()).isTrue();
            assertThat(e.interpreter()).isEqualTo("/bin/sh");
            assertThat(e.flags()).isEqualTo("PF");
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.pattern().magicHex()).isEqualTo(HexFormat.of().formatHex(magic));
            assertThat(e.pattern().maskHex()).isEqualTo(HexFormat.of().formatHex(mask));
            assertThat(reg.isRegisteredAs(e)).isTrue();
            assertThat(KERNEL.list()).contains(e);

            BinfmtMatch m = KERNEL.match(header).orElseThrow();
            assertThat(m.entry().name()).isEqualTo(name);
            assertThat(m.interpreter()).isEqualTo("/bin/sh");

            assertThatThrownBy(() -> KERNEL.register(reg))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("already has an entry named");

            KERNEL.setEnabled(name, false);
            assertThat(KERNEL.find(name).orElseThrow().enabled()).isFalse();
            assertThat(KERNEL.match(header)).isEmpty();
            KERNEL.setEnabled(name, true);
            assertThat(KERNEL.find(name).orElseThrow().enabled()).isTrue();
        } finally {
            KERNEL.remove(name);
        }
        assertThat(KERNEL.find(name)).isEmpty();
    }

    @Test
    void kernelRejectsWhatValidationMissedWithAClearMessage() {
        String name = PREFIX + "missing-" + ProcessHandle.current().pid();
        BinfmtRegistration reg = new BinfmtRegistration(
                name,
                0,
                BinfmtPattern.ofHex("00ff00ff", "ffffffff"),
                Path.of("/nonexistent/crossroot-interpreter"),
                "F");
        try {
            // with F the kernel opens the interpreter while registering
            assertThatThrownBy(() -> KERNEL.register(reg))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("Could not register binfmt_misc entry '" + name + "'")
                    .hasMessageContaining("check that it exists");
        } finally {
            KERNEL.remove(name);
        }
    }

    @Test
    void everyEntryOnThisHostParses() {
        assertThat(KERNEL.list()).allSatisfy(e -> {
            assertThat(e.interpreter()).startsWith("/");
            assertThat(e.pattern() != null || e.extension() != null).isTrue();
        });
        KERNEL.globallyEnabled();
        KERNEL.check(Path.of("/")); // must not throw on whatever the host has
    }
}

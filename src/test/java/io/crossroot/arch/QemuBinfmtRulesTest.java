package io.crossroot.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog's binfmt rules equal the ones qemu ships in its binfmt.d files. */
class QemuBinfmtRulesTest {
    static java.util.List<Arch> archs() {
        return ArchCatalog.all();
    }

    @ParameterizedTest
    @MethodSource("archs")
    void catalogRuleEqualsQemuPackageRule(Arch arch) throws IOException {
        Path conf = Path.of("src/test/resources/fixtures/qemu-binfmt.d", arch.binfmtName() + ".conf");
        // :name:type:offset:magic:mask:interpreter:flags
        String[] fields =
                Files.readString(conf, StandardCharsets.US_ASCII).strip().split(":");
        assertThat(fields[1]).isEqualTo(arch.binfmtName());
        assertThat(fields[2]).isEqualTo("M");
        assertThat(HexFormat.of().formatHex(arch.binfmtPattern().magic())).isEqualTo(unescape(fields[4]));
        assertThat(HexFormat.of().formatHex(arch.binfmtPattern().mask())).isEqualTo(unescape(fields[5]));
        assertThat(BinfmtPattern.escape(arch.binfmtPattern().magic())).isEqualTo(fields[4]);
    }

    private static String unescape(String kernelEscaped) {
        return kernelEscaped.replace("\\x", "");
    }
}

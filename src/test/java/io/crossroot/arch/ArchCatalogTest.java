package io.crossroot.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.elf.ElfFile;
import io.crossroot.util.UserError;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchCatalogTest {
    /**
     * magic/mask from upstream qemu's scripts/qemu-binfmt-conf.sh (the "\x.." strings, hex here). The catalog follows
     * qemu 10's binfmt.d files (QemuBinfmtRulesTest), which for s390x and ppc64le mask EI_OSABI with fc instead of 00.
     */
    private static final Map<String, String[]> QEMU_BINFMT_CONF = Map.of(
            "riscv64",
                    new String[] {"7f454c460201010000000000000000000200f300", "ffffffffffffff00fffffffffffffffffeffffff"
                    },
            "arm64",
                    new String[] {"7f454c460201010000000000000000000200b700", "ffffffffffffff00fffffffffffffffffeffffff"
                    },
            "armhf",
                    new String[] {"7f454c4601010100000000000000000002002800", "ffffffffffffff00fffffffffffffffffeffffff"
                    },
            "armel",
                    new String[] {"7f454c4601010100000000000000000002002800", "ffffffffffffff00fffffffffffffffffeffffff"
                    },
            "loong64",
                    new String[] {"7f454c4602010100000000000000000002000201", "fffffffffffffffc00fffffffffffffffeffffff"
                    },
            "s390x",
                    new String[] {"7f454c4602020100000000000000000000020016", "ffffffffffffff00fffffffffffffffffffeffff"
                    },
            "ppc64el",
                    new String[] {"7f454c4602010100000000000000000002001500", "ffffffffffffff00fffffffffffffffffeffff00"
                    });

    private static final int EI_OSABI = 7;

    @Test
    void binfmtRulesAreQemus() {
        QEMU_BINFMT_CONF.forEach((debian, rule) -> {
            BinfmtPattern p = ArchCatalog.require(debian).binfmtPattern();
            assertThat(p.magicHex()).as(debian).isEqualTo(rule[0]);
            byte[] expectedMask = HexFormat.of().parseHex(rule[1]);
            byte[] mask = p.mask();
            if (debian.equals("s390x") || debian.equals("ppc64el")) {
                assertThat(mask[EI_OSABI]).as(debian + " EI_OSABI mask").isEqualTo((byte) 0xfc);
                mask[EI_OSABI] = 0;
            }
            assertThat(HexFormat.of().formatHex(mask))
                    .as(debian)
                    .isEqualTo(HexFormat.of().formatHex(expectedMask));
        });
    }

    @Test
    void everyRuleTakesExecutablesAndLibrariesOfItsArchAndNoOtherArch() {
        for (Arch a : ArchCatalog.all()) {
            for (int type : new int[] {2, 3}) {
                assertThat(a.binfmtPattern().matches(header(a, type), 0))
                        .as(a + " e_type " + type)
                        .isTrue();
            }
            assertThat(a.binfmtPattern().matches(header(a, 1), 0))
                    .as(a + " REL")
                    .isFalse();
            for (Arch other : ArchCatalog.all()) {
                if (!other.binfmtName().equals(a.binfmtName())) {
                    assertThat(a.binfmtPattern().matches(header(other, 2), 0))
                            .as(a + " vs " + other)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void armelAndArmhfShareQemuArm() {
        Arch el = ArchCatalog.require("armel");
        Arch hf = ArchCatalog.require("armhf");
        assertThat(el.binfmtName()).isEqualTo("qemu-arm").isEqualTo(hf.binfmtName());
        assertThat(el.binfmtPattern()).isEqualTo(hf.binfmtPattern());
    }

    @Test
    void everyNameFindsItsArchitecture() {
        for (Arch a : ArchCatalog.all()) {
            List<String> names = new ArrayList<>(List.of(
                    a.debian(),
                    a.rpm(),
                    a.uname(),
                    a.ociPlatform(),
                    a.ociPlatform().substring("linux/".length())));
            names.addAll(a.aliases());
            for (String n : names) {
                Arch found = ArchCatalog.find(n).orElseThrow(() -> new AssertionError("no arch for " + n));
                // a name two architectures share (OCI "linux/arm" without variant, say) goes to the first listed
                assertThat(found.equals(a) || namesOf(found).contains(n))
                        .as(n + " -> " + found)
                        .isTrue();
            }
            assertThat(ArchCatalog.find(" " + a.debian().toUpperCase() + " ")).contains(a);
        }
        assertThat(ArchCatalog.find("arm")).map(Arch::debian).contains("armhf");
        assertThat(ArchCatalog.find("aarch64")).map(Arch::debian).contains("arm64");
        assertThat(ArchCatalog.find("x86_64")).map(Arch::debian).contains("amd64");
        assertThat(ArchCatalog.find("rv64gc")).map(Arch::debian).contains("riscv64");
        assertThat(ArchCatalog.find("linux/arm64/v8")).map(Arch::debian).contains("arm64");
        assertThatThrownBy(() -> ArchCatalog.require("vax"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Unknown architecture 'vax'")
                .hasMessageContaining("riscv64");
    }

    @Test
    void forElfOnRealBinaries() {
        Map<String, String> expected = Map.of(
                "x86_64-true",
                "amd64",
                "arm64-true",
                "arm64",
                "armhf-true",
                "armhf",
                "armel-true",
                "armel",
                "riscv64-true",
                "riscv64",
                "riscv64-mksh-static",
                "riscv64");
        expected.forEach((file, debian) -> {
            ElfFile f = ElfFile.read(Path.of("src/test/resources/fixtures/elf", file));
            assertThat(ArchCatalog.forElf(f.elfClass(), f.dataEncoding(), f.machine(), f.flags()))
                    .as(file)
                    .map(Arch::debian)
                    .contains(debian);
        });
        // ARM without float-ABI flags falls back to the first ARM entry
        assertThat(ArchCatalog.forElf(1, 1, 40, 0)).map(Arch::debian).contains("armhf");
        assertThat(ArchCatalog.forElf(2, 1, 9999, 0)).isEmpty();
    }

    private static List<String> namesOf(Arch a) {
        List<String> n = new ArrayList<>(List.of(
                a.debian(), a.rpm(), a.uname(), a.ociPlatform(), a.ociPlatform().substring("linux/".length())));
        n.addAll(a.aliases());
        return n;
    }

    /** The first 20 bytes of an ELF header of this architecture with the given e_type. */
    private static byte[] header(Arch a, int type) {
        ByteBuffer b =
                ByteBuffer.allocate(64).order(a.elf().bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {
            0x7f, 'E', 'L', 'F', (byte) a.elf().elfClass(), (byte) a.elf().elfData(), 1, 0
        });
        b.position(16);
        b.putShort((short) type).putShort((short) a.elf().machine());
        return b.array();
    }
}

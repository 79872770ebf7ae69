package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import org.junit.jupiter.api.Test;

class LayoutFileTest {
    @Test
    void readsPartitionsWithDefaults() {
        Layout l = LayoutFile.parseYaml(TestRootfs.LAYOUT, "t.yaml");
        assertThat(l.table()).isEqualTo(Layout.Table.GPT);
        PartitionSpec efi = l.partitions().get(0);
        assertThat(efi.size()).isEqualTo(32L << 20);
        assertThat(efi.filesystem()).isEqualTo(Filesystem.VFAT);
        assertThat(efi.contentRoot()).isEqualTo("/boot/efi");
        assertThat(l.partitions().get(1).type()).isEqualTo(PartitionType.ROOT_RISCV64);
        assertThat(l.partitions().get(1).size()).isNull();
        assertThat(l.root()).contains(l.partitions().get(1));
    }

    @Test
    void errorsNameTheLine() {
        String bad = TestRootfs.LAYOUT.replace("type: esp", "type: espresso");
        assertThatThrownBy(() -> LayoutFile.parseYaml(bad, "t.yaml")).isInstanceOf(UserError.class)
                .hasMessageStartingWith("t.yaml:").hasMessageContaining("unknown partition type 'espresso'")
                .satisfies(e -> assertThat(line(e.getMessage())).isBetween(3, 10));
        assertThatThrownBy(() -> LayoutFile.parseYaml("table: gpt\npartitions:\n  - name: a\n    colour: red\n", "t.yaml"))
                .hasMessageMatching("(?s)t.yaml:[45]: .*colour.*"); // Jackson reports the token after the key
        assertThatThrownBy(() -> LayoutFile.parseYaml("table: gpt\npartitions:\n  - {name: a, size: 12Q}\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml:3:").hasMessageContaining("'12Q' is not a size");
        assertThatThrownBy(() -> LayoutFile.parseYaml("table: mbr\npartitions:\n  - {name: a}\n  - {name: a}\n", "t.yaml"))
                .hasMessageContaining("two partitions are named 'a'");
    }

    private static int line(String message) {
        return Integer.parseInt(message.split(":")[1]);
    }
}

package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UsageError;
import io.crossroot.util.UserError;
import org.junit.jupiter.api.Test;

class DiskLayoutFileTest {
    @Test
    void readsPartitionsWithDefaults() {
        DiskLayout l = DiskLayoutFile.parseYaml(TestRootfs.LAYOUT, "t.yaml");
        assertThat(l.table()).isEqualTo(DiskLayout.Table.GPT);
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
        assertThatThrownBy(() -> DiskLayoutFile.parseYaml(bad, "t.yaml"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("t.yaml:")
                .hasMessageContaining("unknown partition type 'espresso'")
                .satisfies(e -> assertThat(line(e.getMessage())).isBetween(3, 10));
        assertThatThrownBy(() ->
                        DiskLayoutFile.parseYaml("table: gpt\npartitions:\n  - name: a\n    colour: red\n", "t.yaml"))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("t.yaml:4: unknown key 'colour' in 'partitions[0]'");
        assertThatThrownBy(
                        () -> DiskLayoutFile.parseYaml("table: gpt\npartitions:\n  - {name: a, size: 12Q}\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml:3:")
                .hasMessageContaining("'12Q' is not a size");
        assertThatThrownBy(() ->
                        DiskLayoutFile.parseYaml("table: mbr\npartitions:\n  - {name: a}\n  - {name: a}\n", "t.yaml"))
                .hasMessageContaining("two partitions are named 'a'");
    }

    @Test
    void duplicateKeysWrongTypesAndEscapingPathsAreAllListed() {
        String bad = """
                table: gpt
                partitions:
                  - name: a
                    size: 1M
                    size: 2M
                    bootable: "yes"
                    mountpoint: /boot/../../etc
                """;
        assertThatThrownBy(() -> DiskLayoutFile.parseYaml(bad, "t.yaml"))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("t.yaml has 3 problems.")
                .hasMessageContaining("t.yaml:5: key 'size' appears twice (first on line 4)")
                .hasMessageContaining("t.yaml:6: 'partitions[0].bootable' must be true or false, not the text 'yes'")
                .hasMessageContaining(
                        "t.yaml:7: 'partitions[0].mountpoint': '/boot/../../etc' must not contain '..' steps");
        assertThatThrownBy(() -> DiskLayoutFile.parseYaml("table: gpt\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml:1: required key 'partitions' is missing");
    }

    private static int line(String message) {
        return Integer.parseInt(message.split(":")[1]);
    }
}

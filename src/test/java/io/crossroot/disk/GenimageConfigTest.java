package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UserError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GenimageConfigTest {
    static final String BOARD = """
            # a typical board port
            image boot.vfat {
              vfat {
                files = { "Image", "board.dtb" }
                extraargs = "-F 32"
                label = "boot"
              }
              size = 64M
            }

            image root.ext4 {
              ext4 {
                label = "rootfs"
                extraargs = "-U 0b9a3a52-3c2c-4c3f-9d0e-0123456789ab -i 8192"
              }
              size = 512M
            }

            image sdcard.img {
              hdimage {
                partition-table-type = "gpt"
              }
              partition boot {
                partition-type-uuid = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"
                bootable = "true"
                image = "boot.vfat"
              }
              partition rootfs {
                partition-type-uuid = "L"
                image = "root.ext4"
              }
            }
            """;

    @Test
    void mapsABoardConfigToALayout() {
        Layout l = GenimageConfig.parse(BOARD, "genimage.cfg").layout(Path.of("."));
        assertThat(l.table()).isEqualTo(Layout.Table.GPT);
        PartitionSpec boot = l.partitions().get(0);
        assertThat(boot.type()).isEqualTo(PartitionType.ESP);
        assertThat(boot.filesystem()).isEqualTo(Filesystem.VFAT);
        assertThat(boot.files()).containsExactly("Image", "board.dtb");
        assertThat(boot.extraArgs()).containsExactly("-F", "32");
        assertThat(boot.size()).isEqualTo(64L << 20);
        assertThat(boot.bootable()).isTrue();
        PartitionSpec root = l.partitions().get(1);
        assertThat(root.type()).isEqualTo(PartitionType.LINUX);
        assertThat(root.uuid()).isEqualTo("0b9a3a52-3c2c-4c3f-9d0e-0123456789ab");
        assertThat(root.extraArgs()).containsExactly("-i", "8192");
        assertThat(root.mountpoint()).isEqualTo("/");
        assertThat(root.label()).isEqualTo("rootfs");
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> GenimageConfig.parse("image a.img {\n  hdimage {\n    gpt = true\n", "g.cfg"))
                .isInstanceOf(UserError.class).hasMessageStartingWith("g.cfg:").hasMessageContaining("missing }");
        String badType = BOARD.replace("partition-type-uuid = \"L\"", "partition-type-uuid = \"nonsense\"");
        assertThatThrownBy(() -> GenimageConfig.parse(badType, "g.cfg").layout(Path.of(".")))
                .hasMessageStartingWith("g.cfg:29:").hasMessageContaining("unknown partition type 'nonsense'");
    }
}

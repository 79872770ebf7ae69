package io.crossroot.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.util.UsageError;
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
        DiskLayout l = GenimageConfig.parse(BOARD, "genimage.cfg").layout(Path.of("."));
        assertThat(l.table()).isEqualTo(DiskLayout.Table.GPT);
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
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("g.cfg:")
                .hasMessageContaining("missing }");
        String badType = BOARD.replace("partition-type-uuid = \"L\"", "partition-type-uuid = \"nonsense\"");
        assertThatThrownBy(() -> GenimageConfig.parse(badType, "g.cfg").layout(Path.of(".")))
                .hasMessageStartingWith("g.cfg:29:")
                .hasMessageContaining("unknown partition type 'nonsense'");
    }

    @Test
    void everyOptionCrossrootWouldNotHonourIsRefusedByNameWithItsLine() {
        String cfg = """
                image disk.img {
                  hdimage {
                    partition-table-type = "gpt"
                    gpt-location = 64K
                  }
                  partition boot {
                    image = "boot.bin"
                    autoresize = true
                    colour = "red"
                    size = 1M
                    size = 2M
                  }
                  partition root {
                    image = "root.ext4"
                    in-partition-table = false
                    bootable = "maybe"
                  }
                }
                image root.ext4 {
                  ext4 { fs-timestamp = "20000101000000" }
                  size = 200%
                }
                image app.squashfs {
                  squashfs {}
                }
                config { outputpath = "/tmp" }
                """;
        assertThatThrownBy(() -> GenimageConfig.parse(cfg, "g.cfg").layout(Path.of(".")))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("g.cfg has 10 problems.")
                .hasMessageContaining(
                        "\n  g.cfg:4: genimage's hdimage option 'gpt-location' is not supported by crossroot")
                .hasMessageContaining(
                        "\n  g.cfg:8: genimage's partition option 'autoresize' is not supported by crossroot")
                .hasMessageContaining(
                        "\n  g.cfg:9: unknown partition option 'colour' (crossroot takes align, bootable, image,")
                .hasMessageContaining("\n  g.cfg:11: partition boot: option 'size' is set twice (first on line 10)")
                .hasMessageContaining("\n  g.cfg:15: partition root: in-partition-table = false is not supported")
                .hasMessageContaining("\n  g.cfg:16: partition root: bootable: 'maybe' is not a boolean")
                .hasMessageContaining("\n  g.cfg:21: image root.ext4: size: a size in percent")
                .hasMessageContaining(
                        "\n  g.cfg:20: genimage's ext4 option 'fs-timestamp' is not supported by crossroot")
                .hasMessageContaining("\n  g.cfg:24: image app.squashfs is of type 'squashfs'")
                .hasMessageContaining("\n  g.cfg:26: genimage's 'config' section is not read by crossroot");
    }

    @Test
    void valuesAreCheckedWhenTheLayoutIsMade() {
        String cfg = """
                image disk.img {
                  hdimage { gpt = true }
                  partition root {
                    image = "root.ext4"
                    bootable = "maybe"
                    offset = 1000
                  }
                }
                image root.ext4 {
                  ext4 { features = "^metadata_csum" }
                  size = 200%
                }
                """;
        assertThatThrownBy(() -> GenimageConfig.parse(cfg, "g.cfg").layout(Path.of(".")))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("g.cfg has 3 problems.")
                .hasMessageContaining("g.cfg:3: partition root: offset 1000 is not a multiple of the 512-byte sector")
                .hasMessageContaining("g.cfg:5: partition root: bootable: 'maybe' is not a boolean")
                .hasMessageContaining(
                        "g.cfg:11: image root.ext4: size: a size in percent of the content ('200%') is not supported");
    }

    @Test
    void offsetAlignAndFeaturesAreTakenFromTheFile() {
        String cfg = """
                image disk.img {
                  hdimage { partition-table-type = "gpt"; align = 64K }
                  partition loader { image = "loader.bin"; offset = 3M; size = 512k; partition-type-uuid = "R" }
                  partition root { image = "root.ext4" }
                }
                image root.ext4 {
                  ext4 { features = "^metadata_csum"; use-mke2fs = true }
                  size = 64M
                }
                """;
        DiskLayout l = GenimageConfig.parse(cfg, "g.cfg").layout(Path.of("."));
        PartitionSpec loader = l.partitions().get(0);
        assertThat(loader.offset()).isEqualTo(3L << 20);
        assertThat(loader.align()).isEqualTo(64L << 10);
        assertThat(loader.size()).isEqualTo(512L << 10);
        assertThat(loader.type().gpt().lower()).isEqualTo("a19d880f-05fc-4d3b-a006-743f0f84911e");
        assertThat(l.partitions().get(1).extraArgs()).containsExactly("-O", "^metadata_csum");
        assertThat(l.partitions().get(1).offset()).isNull();
    }
}

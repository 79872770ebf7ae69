package io.crossroot.rpm.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Header structures built here from the documented layout, well-formed and hostile. */
class HeaderStructureTest {
    /** A header with the given index entries (tag, type, offset, count) and data store. */
    static byte[] header(int[][] entries, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(16 + entries.length * 16 + data.length);
        b.put(new byte[] {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01, 0, 0, 0, 0});
        b.putInt(entries.length).putInt(data.length);
        for (int[] e : entries) {
            b.putInt(e[0]).putInt(e[1]).putInt(e[2]).putInt(e[3]);
        }
        b.put(data);
        return b.array();
    }

    private static HeaderStructure read(byte[] bytes) throws Exception {
        return HeaderStructure.read(new ByteArrayInputStream(bytes), bytes.length, "test.rpm (header)");
    }

    private static final byte[] DATA = "crtest\0a\0bc\0\0\0\0\0\0\0\0\7".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void readsTypedValues() throws Exception {
        HeaderStructure h = read(header(new int[][] {{1000, 6, 0, 1}, {1117, 8, 7, 2}, {1030, 4, 12, 2}}, DATA));
        assertThat(h.string(1000)).isEqualTo("crtest");
        assertThat(h.strings(1117)).containsExactly("a", "bc");
        assertThat(h.numbers(1030)).containsExactly(0, 7);
        assertThat(h.size()).isEqualTo(16 + 48 + DATA.length);
        assertThatThrownBy(() -> h.numbers(1000)).isInstanceOf(RpmFormatError.class);
    }

    @Test
    void hostileHeadersAreRefusedWithAClearError() {
        int[][][] cases = {
            {{1000, 6, 0, 1}, {1001, 12, 0, 1}}, // unknown type
            {{1000, 6, 100, 1}}, // offset beyond the data
            {{1030, 4, 12, 1000}}, // count beyond the data
            {{1030, 4, 13, 1}}, // misaligned int32
            {{1000, 6, 0, 2}}, // a STRING with count 2
            {{1117, 8, 7, 12}}, // strings running past the data
            {{1000, 6, 0, 1}, {1001, 6, 2, 1}}, // overlapping the entry before
            {{63, 7, 0, 16}}, // a region whose trailer is garbage
            {{1030, 5, 8, -1}}, // negative count
        };
        for (int[][] c : cases) {
            assertThatThrownBy(() -> read(header(c, DATA)))
                    .as(java.util.Arrays.deepToString(c))
                    .isInstanceOf(RpmFormatError.class)
                    .hasMessageContaining("test.rpm");
        }
    }

    @Test
    void sizesBeyondTheFileAreRefusedBeforeAllocating() {
        byte[] h = header(new int[][] {{1000, 6, 0, 1}}, DATA);
        ByteBuffer.wrap(h).putInt(12, HeaderStructure.MAX_DATA);
        assertThatThrownBy(() -> read(h)).isInstanceOf(RpmFormatError.class).hasMessageContaining("remain");
        ByteBuffer.wrap(h).putInt(8, 0x7fffffff);
        assertThatThrownBy(() -> read(h)).isInstanceOf(RpmFormatError.class).hasMessageContaining("index entries");
        byte[] notHeader = "not a header at all".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> read(notHeader))
                .isInstanceOf(RpmFormatError.class)
                .hasMessageContaining("magic");
    }
}

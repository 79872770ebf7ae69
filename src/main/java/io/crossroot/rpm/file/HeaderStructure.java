package io.crossroot.rpm.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One header structure of an .rpm (the signature header or the main header): the magic 8E AD E8 01, four
 * reserved bytes, the index count and data size, the index entries (tag, type, offset, count) and the data
 * store. Every entry is checked on reading as rpm's hdrblobVerifyInfo does (known type, aligned, inside the
 * store, not overlapping the previous one, strings terminated), so the typed getters never read outside.
 */
public final class HeaderStructure {
    public static final int TYPE_NULL = 0;
    public static final int TYPE_CHAR = 1;
    public static final int TYPE_INT8 = 2;
    public static final int TYPE_INT16 = 3;
    public static final int TYPE_INT32 = 4;
    public static final int TYPE_INT64 = 5;
    public static final int TYPE_STRING = 6;
    public static final int TYPE_BIN = 7;
    public static final int TYPE_STRING_ARRAY = 8;
    public static final int TYPE_I18NSTRING = 9;

    private static final byte[] MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01};
    /** rpm's own limits (hdrchkTags, hdrchkData): no real header comes near them. */
    static final int MAX_ENTRIES = 0xffff;

    static final int MAX_DATA = 256 << 20;
    private static final int INTRO = 16;
    private static final int ENTRY = 16;

    /** One index entry; {@code length} is the number of data bytes it covers. */
    public record Entry(int tag, int type, int offset, int count, int length) {}

    private final Object source;
    private final byte[] bytes;
    private final int dataStart;
    private final List<Entry> entries;
    private final Map<Integer, Entry> byTag;

    private HeaderStructure(Object source, byte[] bytes, int dataStart, List<Entry> entries) {
        this.source = source;
        this.bytes = bytes;
        this.dataStart = dataStart;
        this.entries = Collections.unmodifiableList(entries);
        Map<Integer, Entry> index = new HashMap<>();
        for (Entry e : entries) {
            index.putIfAbsent(e.tag(), e);
        }
        this.byTag = index;
    }

    /**
     * Reads one header structure from {@code in}, of which at most {@code remaining} bytes are left, so a size
     * beyond the input is refused before anything is allocated for it.
     *
     * @param source what the header is read from (the file and which header), for errors
     */
    public static HeaderStructure read(InputStream in, long remaining, Object source) throws IOException {
        byte[] intro = in.readNBytes(INTRO);
        if (intro.length < INTRO) {
            throw new RpmFormatError(source, "the header is cut short after " + intro.length + " bytes");
        }
        if (!Arrays.equals(intro, 0, 4, MAGIC, 0, 4)) {
            throw new RpmFormatError(source, "the header does not start with the header magic 8E AD E8 01");
        }
        ByteBuffer b = ByteBuffer.wrap(intro);
        long il = Integer.toUnsignedLong(b.getInt(8));
        long dl = Integer.toUnsignedLong(b.getInt(12));
        if (il < 1 || il > MAX_ENTRIES) {
            throw new RpmFormatError(
                    source, "the header claims " + il + " index entries (1 to " + MAX_ENTRIES + " are possible)");
        }
        if (dl > MAX_DATA) {
            throw new RpmFormatError(source, "the header claims " + dl + " bytes of data, more than rpm accepts");
        }
        long rest = il * ENTRY + dl;
        if (rest > remaining - INTRO) {
            throw new RpmFormatError(
                    source,
                    "the header claims " + (INTRO + rest) + " bytes but only " + remaining + " remain in the file");
        }
        byte[] all = new byte[(int) (INTRO + rest)];
        System.arraycopy(intro, 0, all, 0, INTRO);
        int got = in.readNBytes(all, INTRO, (int) rest);
        if (got < rest) {
            throw new RpmFormatError(
                    source, "the header is cut short (" + (INTRO + got) + " of " + all.length + " bytes)");
        }
        return parse(all, (int) il, (int) dl, source);
    }

    private static HeaderStructure parse(byte[] all, int il, int dl, Object source) {
        ByteBuffer b = ByteBuffer.wrap(all);
        int dataStart = INTRO + il * ENTRY;
        List<Entry> entries = new ArrayList<>(il);
        long end = 0;
        for (int i = 0; i < il; i++) {
            int at = INTRO + i * ENTRY;
            int tag = b.getInt(at);
            int type = b.getInt(at + 4);
            int offset = b.getInt(at + 8);
            int count = b.getInt(at + 12);
            String where = "header entry " + i + " (tag " + tag + ")";
            if (type < TYPE_NULL || type > TYPE_I18NSTRING) {
                throw new RpmFormatError(source, where + " has the unknown type " + type);
            }
            if (offset < 0 || offset > dl) {
                throw new RpmFormatError(source, where + " points outside the header's data");
            }
            if (count < 0 || count > dl) {
                throw new RpmFormatError(
                        source,
                        where + " claims " + Integer.toUnsignedString(count)
                                + " values, more than the header's data can hold");
            }
            if (offset % alignment(type) != 0) {
                throw new RpmFormatError(source, where + " is not aligned for its type");
            }
            int length = length(all, dataStart, dl, type, offset, count, source, where);
            if (i == 0 && isRegion(tag)) {
                checkRegion(b, dataStart, il, dl, tag, type, offset, count, source);
            } else {
                // rpm refuses overlapping data too; it also bounds the string scans to one pass over the data.
                if (offset < end) {
                    throw new RpmFormatError(source, where + " overlaps the data of the entry before it");
                }
                end = (long) offset + length;
            }
            entries.add(new Entry(tag, type, offset, count, length));
        }
        return new HeaderStructure(source, all, dataStart, entries);
    }

    private static boolean isRegion(int tag) {
        return tag == RpmTags.HEADERIMAGE || tag == RpmTags.HEADERSIGNATURES || tag == RpmTags.HEADERIMMUTABLE;
    }

    /** The region entry points to a 16-byte trailer whose negative offset counts the entries it covers. */
    private static void checkRegion(
            ByteBuffer b, int dataStart, int il, int dl, int tag, int type, int offset, int count, Object source) {
        if (type != TYPE_BIN || count != ENTRY || (long) offset + ENTRY > dl) {
            throw new RpmFormatError(source, "the header's region tag " + tag + " is malformed");
        }
        int trailerOffset = b.getInt(dataStart + offset + 8);
        long covered = -(long) trailerOffset;
        if (covered <= 0 || covered % ENTRY != 0 || covered / ENTRY > il) {
            throw new RpmFormatError(source, "the header's region trailer claims an impossible size");
        }
    }

    private static int alignment(int type) {
        return switch (type) {
            case TYPE_INT16 -> 2;
            case TYPE_INT32 -> 4;
            case TYPE_INT64 -> 8;
            default -> 1;
        };
    }

    private static int length(
            byte[] all, int dataStart, int dl, int type, int offset, int count, Object source, String where) {
        long length = switch (type) {
            case TYPE_NULL -> 0;
            case TYPE_CHAR, TYPE_INT8, TYPE_BIN -> count;
            case TYPE_INT16 -> 2L * count;
            case TYPE_INT32 -> 4L * count;
            case TYPE_INT64 -> 8L * count;
            default -> {
                if (type == TYPE_STRING && count != 1) {
                    throw new RpmFormatError(source, where + " is a string with a count of " + count);
                }
                int p = dataStart + offset;
                int limit = dataStart + dl;
                for (int n = 0; n < count; n++) {
                    while (p < limit && all[p] != 0) {
                        p++;
                    }
                    if (p >= limit) {
                        throw new RpmFormatError(source, where + " has a string that runs past the data");
                    }
                    p++;
                }
                yield p - (dataStart + offset);
            }
        };
        if (offset + length > dl) {
            throw new RpmFormatError(source, where + " runs past the end of the header's data");
        }
        return (int) length;
    }

    /** The whole structure as stored in the file, from the magic on: what the header digests and signatures cover. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Its length in the file. */
    public int size() {
        return bytes.length;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(int tag) {
        return Optional.ofNullable(byTag.get(tag));
    }

    public boolean has(int tag) {
        return byTag.containsKey(tag);
    }

    /** A STRING (or the first of a STRING_ARRAY / I18NSTRING); null when absent. */
    public String string(int tag) {
        List<String> all = strings(tag);
        return all.isEmpty() ? null : all.get(0);
    }

    /** A STRING_ARRAY, I18NSTRING or STRING as a list; empty when absent. */
    public List<String> strings(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return List.of();
        }
        if (e.type() != TYPE_STRING && e.type() != TYPE_STRING_ARRAY && e.type() != TYPE_I18NSTRING) {
            throw wrongType(e, "strings");
        }
        List<String> out = new ArrayList<>(e.count());
        int p = dataStart + e.offset();
        for (int n = 0; n < e.count(); n++) {
            int start = p;
            while (bytes[p] != 0) {
                p++;
            }
            out.add(new String(bytes, start, p - start, StandardCharsets.UTF_8));
            p++;
        }
        return out;
    }

    /** A CHAR, INT8, INT16, INT32 or INT64 array, each value unsigned except INT64; empty when absent. */
    public long[] numbers(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return new long[0];
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, dataStart + e.offset(), e.length());
        long[] out = new long[e.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (e.type()) {
                case TYPE_CHAR, TYPE_INT8 -> Byte.toUnsignedLong(b.get());
                case TYPE_INT16 -> Short.toUnsignedLong(b.getShort());
                case TYPE_INT32 -> Integer.toUnsignedLong(b.getInt());
                case TYPE_INT64 -> b.getLong();
                default -> throw wrongType(e, "numbers");
            };
        }
        return out;
    }

    /** A BIN value (or the bytes of any other entry); null when absent. */
    public byte[] binary(int tag) {
        Entry e = byTag.get(tag);
        if (e == null) {
            return null;
        }
        return Arrays.copyOfRange(bytes, dataStart + e.offset(), dataStart + e.offset() + e.length());
    }

    private RpmFormatError wrongType(Entry e, String wanted) {
        return new RpmFormatError(
                source, "header tag " + e.tag() + " has type " + e.type() + " where " + wanted + " belong");
    }
}

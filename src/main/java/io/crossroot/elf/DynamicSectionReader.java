package io.crossroot.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PT_DYNAMIC: the DT_NEEDED, DT_SONAME, DT_RPATH and DT_RUNPATH strings. Uses program headers only (not
 * section headers) because that is what the loader uses and stripped files may have no sections.
 */
final class DynamicSectionReader {
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_STRSZ = 10;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    private static final long DT_FLAGS_1 = 0x6ffffffbL;
    /** Longer than any path the kernel or loader accepts (PATH_MAX is 4096). */
    private static final int MAX_STRING = 4096;

    private static final int MAX_NEEDED = 4096;

    private final BoundedInput in;
    private final boolean is64;
    private final List<Segment> segments;

    DynamicSectionReader(BoundedInput in, boolean is64, List<Segment> segments) {
        this.in = in;
        this.is64 = is64;
        this.segments = segments;
    }

    DynamicInfo read(Segment dynamic) throws IOException {
        int entrySize = is64 ? 16 : 8;
        ByteBuffer buf = in.read("dynamic section", dynamic.offset(), dynamic.fileSize());
        List<Long> neededOffsets = new ArrayList<>();
        long soname = -1;
        long rpath = -1;
        long runpath = -1;
        long strtab = -1;
        long strsz = -1;
        long flags1 = 0;
        while (buf.remaining() >= entrySize) {
            long tag = is64 ? buf.getLong() : buf.getInt();
            long val = is64 ? buf.getLong() : Integer.toUnsignedLong(buf.getInt());
            if (tag == DT_NULL) {
                break;
            }
            if (tag == DT_NEEDED) {
                if (neededOffsets.size() >= MAX_NEEDED) {
                    throw ElfFormatError.malformed(
                            in.file(), "the dynamic section lists more than " + MAX_NEEDED + " needed libraries");
                }
                neededOffsets.add(val);
            } else if (tag == DT_SONAME) {
                soname = val;
            } else if (tag == DT_RPATH) {
                rpath = val;
            } else if (tag == DT_RUNPATH) {
                runpath = val;
            } else if (tag == DT_STRTAB) {
                strtab = val;
            } else if (tag == DT_STRSZ) {
                strsz = val;
            } else if (tag == DT_FLAGS_1) {
                flags1 = val;
            }
        }
        if (neededOffsets.isEmpty() && soname < 0 && rpath < 0 && runpath < 0) {
            return new DynamicInfo(List.of(), null, null, null, flags1);
        }
        StringTable strings = stringTable(strtab, strsz);
        List<String> needed = new ArrayList<>();
        for (long off : neededOffsets) {
            needed.add(strings.get(off, "DT_NEEDED"));
        }
        return new DynamicInfo(
                needed,
                strings.getOrNull(soname, "DT_SONAME"),
                strings.getOrNull(rpath, "DT_RPATH"),
                strings.getOrNull(runpath, "DT_RUNPATH"),
                flags1);
    }

    /** DT_STRTAB is a virtual address: find the file offset through the PT_LOAD segment that maps it. */
    private StringTable stringTable(long address, long declaredSize) {
        if (address < 0) {
            throw ElfFormatError.malformed(
                    in.file(), "the dynamic section names libraries but has no string " + "table (DT_STRTAB)");
        }
        for (Segment s : segments) {
            if (s.type() == Segment.PT_LOAD && s.containsFileBacked(address)) {
                long offset = s.offset() + (address - s.vaddr());
                long available = s.fileSize() - (address - s.vaddr());
                long size = declaredSize >= 0 ? Math.min(declaredSize, available) : available;
                return new StringTable(offset, size);
            }
        }
        throw ElfFormatError.malformed(
                in.file(),
                "the dynamic string table address 0x" + Long.toHexString(address) + " lies in no loadable segment");
    }

    private final class StringTable {
        private final long offset;
        private final long size;

        StringTable(long offset, long size) {
            this.offset = offset;
            this.size = size;
        }

        String getOrNull(long index, String what) throws IOException {
            return index < 0 ? null : get(index, what);
        }

        String get(long index, String what) throws IOException {
            if (Long.compareUnsigned(index, size) >= 0) {
                throw ElfFormatError.malformed(
                        in.file(),
                        what + " string index " + Long.toUnsignedString(index)
                                + " lies outside the dynamic string table (" + size + " bytes)");
            }
            long start = offset + index;
            int length = (int) Math.min(Math.min(size - index, MAX_STRING), Math.max(0, in.size() - start));
            ByteBuffer b = in.read(what + " string", start, Math.max(length, 1));
            for (int i = 0; i < b.limit(); i++) {
                if (b.get(i) == 0) {
                    return new String(b.array(), 0, i, StandardCharsets.UTF_8);
                }
            }
            throw ElfFormatError.malformed(
                    in.file(),
                    what + " string at offset " + start + " has no terminating NUL byte within " + b.limit()
                            + " bytes");
        }
    }
}

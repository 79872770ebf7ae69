package io.crossroot.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns a file into an {@link ElfFile}, checking every offset and count against the file before use. */
final class ElfParser {
    static final int HEADER_PREFIX = 128;
    /** The kernel refuses program header tables larger than this (fs/binfmt_elf.c, load_elf_phdrs). */
    private static final int MAX_PHDR_TABLE = 65536;

    private static final int PN_XNUM = 0xffff;
    private static final int PATH_MAX = 4096;

    private final BoundedInput in;

    ElfParser(BoundedInput in) {
        this.in = in;
    }

    ElfFile parse() throws IOException {
        if (in.size() == 0) {
            throw ElfFormatError.notElf(in.file(), "the file is empty");
        }
        byte[] prefix = new byte[(int) Math.min(HEADER_PREFIX, in.size())];
        in.read("ELF identification", 0, prefix.length).get(prefix);
        NonElfDescription.requireElfMagic(in.file(), prefix);
        ElfHeader h = header(prefix);
        List<Segment> segments = segments(h);
        String interpreter = null;
        Segment dynamic = null;
        for (Segment s : segments) {
            if (s.type() == Segment.PT_INTERP) {
                interpreter = interpreter(s);
            } else if (s.type() == Segment.PT_DYNAMIC && dynamic == null) {
                dynamic = s;
            }
        }
        DynamicInfo info =
                dynamic == null ? DynamicInfo.NONE : new DynamicSectionReader(in, h.is64(), segments).read(dynamic);
        return new ElfFile(in.file(), h, prefix, segments, interpreter, dynamic != null, info);
    }

    private ElfHeader header(byte[] prefix) throws IOException {
        if (prefix.length < 16) {
            throw ElfFormatError.beyondEnd(in.file(), "ELF identification", 0, 16, in.size());
        }
        int cls = prefix[4] & 0xff;
        int data = prefix[5] & 0xff;
        if (cls != ElfHeader.CLASS32 && cls != ElfHeader.CLASS64) {
            throw ElfFormatError.malformed(
                    in.file(), "its ELF class byte is " + cls + " (1 means 32-bit, 2 means 64-bit)");
        }
        if (data != 1 && data != 2) {
            throw ElfFormatError.malformed(
                    in.file(),
                    "its ELF data encoding byte is " + data + " (1 means little endian, 2 means big endian)");
        }
        in.order(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean is64 = cls == ElfHeader.CLASS64;
        ByteBuffer b = in.read("ELF header", 0, is64 ? 64 : 52);
        b.position(16);
        int type = u16(b);
        int machine = u16(b);
        b.getInt(); // e_version
        long entry = word(b, is64);
        long phoff = word(b, is64);
        long shoff = word(b, is64);
        int flags = b.getInt();
        u16(b); // e_ehsize
        int phentsize = u16(b);
        int phnum = u16(b);
        int shentsize = u16(b);
        int shnum = u16(b);
        return new ElfHeader(
                cls,
                data,
                prefix[7] & 0xff,
                prefix[8] & 0xff,
                type,
                machine,
                flags,
                entry,
                phoff,
                phentsize,
                phnum,
                shoff,
                shentsize,
                shnum);
    }

    private List<Segment> segments(ElfHeader h) throws IOException {
        int count = h.phnum() == PN_XNUM ? extendedPhnum(h) : h.phnum();
        if (count == 0) {
            return List.of();
        }
        if (h.phentsize() < h.standardPhentsize()) {
            throw ElfFormatError.malformed(
                    in.file(),
                    "its program header entries are " + h.phentsize()
                            + " bytes, smaller than the " + h.standardPhentsize() + " bytes of an ELF"
                            + (h.is64() ? 64 : 32)
                            + " program header");
        }
        long tableSize = (long) count * h.phentsize();
        if (tableSize > MAX_PHDR_TABLE) {
            throw ElfFormatError.malformed(
                    in.file(),
                    "it claims " + count + " program headers of "
                            + h.phentsize() + " bytes (" + tableSize + " bytes), more than the kernel's limit of "
                            + MAX_PHDR_TABLE + " bytes");
        }
        ByteBuffer table = in.read("program header table (" + count + " entries)", h.phoff(), tableSize);
        List<Segment> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            table.position(i * h.phentsize());
            out.add(h.is64() ? segment64(table) : segment32(table));
        }
        return List.copyOf(out);
    }

    /** With e_phnum == PN_XNUM the real count is in section header 0's sh_info. */
    private int extendedPhnum(ElfHeader h) throws IOException {
        if (h.shoff() == 0 || h.shentsize() < h.standardShentsize()) {
            throw ElfFormatError.malformed(
                    in.file(),
                    "its program header count is PN_XNUM (0xffff) but it has "
                            + "no section header holding the real count");
        }
        ByteBuffer s = in.read("section header 0", h.shoff(), h.standardShentsize());
        s.position(h.is64() ? 44 : 28); // sh_info
        long n = Integer.toUnsignedLong(s.getInt());
        return (int) Math.min(n, Integer.MAX_VALUE / 64); // bounded again by the table size check
    }

    private static Segment segment32(ByteBuffer b) {
        int type = b.getInt();
        long offset = Integer.toUnsignedLong(b.getInt());
        long vaddr = Integer.toUnsignedLong(b.getInt());
        b.getInt(); // p_paddr
        long filesz = Integer.toUnsignedLong(b.getInt());
        long memsz = Integer.toUnsignedLong(b.getInt());
        int flags = b.getInt();
        return new Segment(type, flags, offset, vaddr, filesz, memsz);
    }

    private static Segment segment64(ByteBuffer b) {
        int type = b.getInt();
        int flags = b.getInt();
        long offset = b.getLong();
        long vaddr = b.getLong();
        b.getLong(); // p_paddr
        long filesz = b.getLong();
        long memsz = b.getLong();
        return new Segment(type, flags, offset, vaddr, filesz, memsz);
    }

    /** PT_INTERP holds the loader path, NUL-terminated; readelf shows the text up to the first NUL. */
    private String interpreter(Segment s) throws IOException {
        if (Long.compareUnsigned(s.fileSize(), PATH_MAX) > 0) {
            throw ElfFormatError.malformed(
                    in.file(),
                    "its program interpreter (PT_INTERP) is "
                            + Long.toUnsignedString(s.fileSize()) + " bytes long, more than the " + PATH_MAX
                            + " bytes a path may have");
        }
        ByteBuffer b = in.read("program interpreter path (PT_INTERP)", s.offset(), s.fileSize());
        int end = 0;
        while (end < b.limit() && b.get(end) != 0) {
            end++;
        }
        if (end == 0) {
            throw ElfFormatError.malformed(in.file(), "its program interpreter (PT_INTERP) is empty");
        }
        return new String(b.array(), 0, end, StandardCharsets.UTF_8);
    }

    private static int u16(ByteBuffer b) {
        return Short.toUnsignedInt(b.getShort());
    }

    private static long word(ByteBuffer b, boolean is64) {
        return is64 ? b.getLong() : Integer.toUnsignedLong(b.getInt());
    }
}

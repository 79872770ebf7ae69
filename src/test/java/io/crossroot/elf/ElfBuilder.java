package io.crossroot.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small synthetic ELF files for cases the real fixtures do not cover (big endian, static-pie, RPATH) and as
 * a base for damaged files. One PT_LOAD maps the whole file at address 0, so string table addresses equal offsets.
 */
final class ElfBuilder {
    int elfClass = 2;
    int data = 1;
    int osAbi = 0;
    int type = 2;
    int machine = 62;
    int flags = 0;
    long entry = 0x1000;
    String interpreter;
    boolean dynamic;
    final List<String> needed = new ArrayList<>();
    String soname;
    String runpath;
    String rpath;
    long flags1;

    /** Offsets of the parts, filled by {@link #build()}, for tests that damage them. */
    int phoff;

    int interpOffset;
    int dynamicOffset;
    int dynamicSize;

    ElfBuilder is32() {
        elfClass = 1;
        return this;
    }

    ElfBuilder bigEndian() {
        data = 2;
        return this;
    }

    byte[] build() {
        boolean is64 = elfClass == 2;
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int dynEntry = is64 ? 16 : 8;
        int phnum = 1 + (interpreter != null ? 1 : 0) + (dynamic ? 1 : 0);
        phoff = ehsize;
        int cursor = phoff + phnum * phentsize;

        byte[] interpBytes = interpreter == null ? new byte[0] : (interpreter + "\0").getBytes(StandardCharsets.UTF_8);
        interpOffset = cursor;
        cursor += interpBytes.length;

        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        List<long[]> dyn = new ArrayList<>();
        for (String n : needed) {
            dyn.add(new long[] {1, add(strtab, n)});
        }
        if (soname != null) {
            dyn.add(new long[] {14, add(strtab, soname)});
        }
        if (rpath != null) {
            dyn.add(new long[] {15, add(strtab, rpath)});
        }
        if (runpath != null) {
            dyn.add(new long[] {29, add(strtab, runpath)});
        }
        if (flags1 != 0) {
            dyn.add(new long[] {0x6ffffffbL, flags1});
        }
        int strtabOffset = cursor;
        byte[] strtabBytes = strtab.toByteArray();
        cursor += strtabBytes.length;
        cursor = (cursor + 7) & ~7;
        dyn.add(0, new long[] {5, strtabOffset});
        dyn.add(1, new long[] {10, strtabBytes.length});
        dyn.add(new long[] {0, 0});
        dynamicOffset = cursor;
        dynamicSize = dynamic ? dyn.size() * dynEntry : 0;
        cursor += dynamicSize;
        int total = cursor;

        ByteBuffer b = ByteBuffer.allocate(total).order(data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) data, 1, (byte) osAbi});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1);
        word(b, is64, entry);
        word(b, is64, phoff);
        word(b, is64, 0); // no section headers
        b.putInt(flags).putShort((short) ehsize).putShort((short) phentsize).putShort((short) phnum);
        b.putShort((short) (is64 ? 64 : 40)).putShort((short) 0).putShort((short) 0);

        b.position(phoff);
        phdr(b, is64, 1, 0, 0, total);
        if (interpreter != null) {
            phdr(b, is64, 3, interpOffset, interpOffset, interpBytes.length);
        }
        if (dynamic) {
            phdr(b, is64, 2, dynamicOffset, dynamicOffset, dynamicSize);
        }
        b.position(interpOffset);
        b.put(interpBytes);
        b.position(strtabOffset);
        b.put(strtabBytes);
        if (dynamic) {
            b.position(dynamicOffset);
            for (long[] d : dyn) {
                word(b, is64, d[0]);
                word(b, is64, d[1]);
            }
        }
        return b.array();
    }

    private static long add(ByteArrayOutputStream strtab, String s) {
        long off = strtab.size();
        strtab.writeBytes((s + "\0").getBytes(StandardCharsets.UTF_8));
        return off;
    }

    private static void phdr(ByteBuffer b, boolean is64, int type, long offset, long vaddr, long size) {
        if (is64) {
            b.putInt(type)
                    .putInt(4)
                    .putLong(offset)
                    .putLong(vaddr)
                    .putLong(vaddr)
                    .putLong(size)
                    .putLong(size)
                    .putLong(8);
        } else {
            b.putInt(type)
                    .putInt((int) offset)
                    .putInt((int) vaddr)
                    .putInt((int) vaddr)
                    .putInt((int) size)
                    .putInt((int) size)
                    .putInt(4)
                    .putInt(4);
        }
    }

    private static void word(ByteBuffer b, boolean is64, long v) {
        if (is64) {
            b.putLong(v);
        } else {
            b.putInt((int) v);
        }
    }
}

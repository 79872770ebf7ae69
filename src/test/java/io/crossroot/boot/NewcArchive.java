package io.crossroot.boot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A minimal cpio "newc" archive, the format the kernel unpacks an initramfs from (uncompressed is accepted). */
final class NewcArchive {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int inode = 1;

    NewcArchive directory(String name) {
        return entry(name, 040755, new byte[0], 0, 0);
    }

    NewcArchive file(String name, int mode, byte[] data) {
        return entry(name, 0100000 | mode, data, 0, 0);
    }

    NewcArchive symlink(String name, String target) {
        return entry(name, 0120777, target.getBytes(StandardCharsets.UTF_8), 0, 0);
    }

    NewcArchive charDevice(String name, int major, int minor) {
        return entry(name, 020600, new byte[0], major, minor);
    }

    byte[] finish() {
        entry("TRAILER!!!", 0, new byte[0], 0, 0);
        return out.toByteArray();
    }

    private NewcArchive entry(String name, int mode, byte[] data, int rdevMajor, int rdevMinor) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        int[] fields = {inode++, mode, 0, 0, 1, 0, data.length, 0, 0, rdevMajor, rdevMinor, n.length, 0};
        StringBuilder h = new StringBuilder("070701");
        for (int f : fields) {
            h.append(String.format("%08x", f));
        }
        out.writeBytes(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(n);
        pad();
        out.writeBytes(data);
        pad();
        return this;
    }

    private void pad() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}

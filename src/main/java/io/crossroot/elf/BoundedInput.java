package io.crossroot.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads byte ranges of a file, refusing any range that does not lie wholly inside it. Every offset and size in an
 * ELF file is attacker- or corruption-controlled, so nothing is read without this check.
 */
final class BoundedInput {
    /** Largest single structure crossroot reads (dynamic section, string): keeps memory bounded on hostile files. */
    static final int MAX_READ = 16 * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    BoundedInput(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    void order(ByteOrder order) {
        this.order = order;
    }

    /** True when [offset, offset+length) lies inside the file; offset and length are unsigned. */
    boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    /** The bytes at [offset, offset+length), in the file's byte order; a clear error when outside the file. */
    ByteBuffer read(String what, long offset, long length) throws IOException {
        if (!contains(offset, length)) {
            throw ElfFormatError.beyondEnd(file, what, offset, length, size);
        }
        if (length > MAX_READ) {
            throw ElfFormatError.malformed(file, what + " is " + length + " bytes, more than any real program has");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                // the file shrank while we read it
                throw ElfFormatError.beyondEnd(file, what, offset, length, pos);
            }
            pos += n;
        }
        return buf.flip().order(order);
    }
}

package io.crossroot.util;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An output stream that can also send a whole file itself, so the kernel copies it (sendfile) and its bytes never
 * pass through the heap: a writer that streams many files, such as a layer tar, checks for this.
 */
public interface FileRegionOutput {
    /**
     * Writes the first {@code count} bytes of {@code file}, as {@code write} would, after anything written before.
     * Fails with an {@link java.io.EOFException} if the file is shorter than that.
     */
    void writeFile(FileChannel file, long count) throws IOException;
}

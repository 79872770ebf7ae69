package io.crossroot.elf;

import io.crossroot.util.UserError;
import java.nio.file.Path;

/** A file that is not ELF, or whose ELF structures point outside the file or make no sense. */
public final class ElfFormatError extends UserError {
    private ElfFormatError(String message) {
        super(message);
    }

    /** A structure that should lie inside the file ends past its end: almost always a truncated file. */
    static ElfFormatError beyondEnd(Path file, String what, long offset, long length, long size) {
        return new ElfFormatError(file + " is not a valid ELF file: " + what + " (" + Long.toUnsignedString(length)
                + " bytes at offset " + Long.toUnsignedString(offset) + ") extends beyond the end of the file (size "
                + size + " bytes). It may be truncated by an interrupted download, copy or extraction, or corrupted; "
                + "fetch or extract it again.");
    }

    /** A field whose value no valid ELF file has. */
    static ElfFormatError malformed(Path file, String detail) {
        return new ElfFormatError(file + " is not a valid ELF file: " + detail
                + ". It may be corrupted, or not a Linux program at all; fetch or extract it again.");
    }

    /** A file that does not start with the ELF magic at all. */
    static ElfFormatError notElf(Path file, String what) {
        return new ElfFormatError(file + " is not an ELF program: " + what
                + ". crossroot can only inspect ELF executables and shared libraries.");
    }
}

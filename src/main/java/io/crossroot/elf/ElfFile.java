package io.crossroot.elf;

import io.crossroot.arch.Arch;
import io.crossroot.arch.ArchCatalog;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * What crossroot needs to know about an ELF file: its architecture, whether it needs a dynamic loader (and which),
 * the libraries it names, and the header bytes binfmt_misc matches on. Read with {@link #read(Path)}; a file that
 * is not ELF or is damaged gives an {@link ElfFormatError} whose message is meant for the user.
 */
public final class ElfFile {
    /** DF_1_PIE in DT_FLAGS_1: a position-independent executable, not a library. */
    private static final long DF_1_PIE = 0x08000000L;

    private final Path path;
    private final ElfHeader header;
    private final byte[] headerBytes;
    private final List<Segment> segments;
    private final String interpreter;
    private final boolean hasDynamicSegment;
    private final DynamicInfo dynamic;

    ElfFile(
            Path path,
            ElfHeader header,
            byte[] headerBytes,
            List<Segment> segments,
            String interpreter,
            boolean hasDynamicSegment,
            DynamicInfo dynamic) {
        this.path = path;
        this.header = header;
        this.headerBytes = headerBytes.clone();
        this.segments = List.copyOf(segments);
        this.interpreter = interpreter;
        this.hasDynamicSegment = hasDynamicSegment;
        this.dynamic = dynamic;
    }

    /** Reads and checks the file's ELF structures; never reads outside the file. */
    public static ElfFile read(Path file) {
        if (Files.isDirectory(file)) {
            throw ElfFormatError.notElf(file, "it is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // opening a FIFO would wait for a writer forever; devices and sockets hold no ELF file either
            throw ElfFormatError.notElf(file, "it is not a regular file (a FIFO, device or socket)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new ElfParser(new BoundedInput(file, ch)).parse();
        } catch (NoSuchFileException e) {
            throw new UserError(file + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new UserError(
                    "Cannot read " + file + ": permission denied. Run crossroot as a user who may read "
                            + "it, or copy it somewhere readable.",
                    e);
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage() + ".", e);
        }
    }

    public Path path() {
        return path;
    }

    /** EI_CLASS: 1 for 32-bit, 2 for 64-bit. */
    public int elfClass() {
        return header.elfClass();
    }

    public int bits() {
        return header.is64() ? 64 : 32;
    }

    /** EI_DATA: 1 little endian, 2 big endian. */
    public int dataEncoding() {
        return header.data();
    }

    public boolean bigEndian() {
        return header.data() == 2;
    }

    /** EI_OSABI: 0 System V (most Linux binaries), 3 GNU/Linux. */
    public int osAbi() {
        return header.osAbi();
    }

    public int abiVersion() {
        return header.abiVersion();
    }

    public ElfType type() {
        return ElfType.of(header.type());
    }

    /** The raw e_type, for types {@link ElfType#OTHER} lumps together. */
    public int typeCode() {
        return header.type();
    }

    public int machine() {
        return header.machine();
    }

    public int flags() {
        return header.flags();
    }

    public long entry() {
        return header.entry();
    }

    /** The catalog architecture of this file, empty for machines crossroot does not know. */
    public Optional<Arch> arch() {
        return ArchCatalog.forElf(header.elfClass(), header.data(), header.machine(), header.flags());
    }

    public List<Segment> segments() {
        return segments;
    }

    /** PT_INTERP: the dynamic loader the kernel starts for this program, as readelf -l shows it. */
    public Optional<String> interpreter() {
        return Optional.ofNullable(interpreter);
    }

    /** DT_NEEDED libraries, in file order. */
    public List<String> needed() {
        return dynamic.needed();
    }

    public Optional<String> soname() {
        return Optional.ofNullable(dynamic.soname());
    }

    public Optional<String> runpath() {
        return Optional.ofNullable(dynamic.runpath());
    }

    public Optional<String> rpath() {
        return Optional.ofNullable(dynamic.rpath());
    }

    public Linkage linkage() {
        if (interpreter != null) {
            return Linkage.DYNAMIC;
        }
        return switch (type()) {
            case EXEC -> Linkage.STATIC;
            case DYN ->
                (dynamic.flags1() & DF_1_PIE) != 0
                                || !hasDynamicSegment
                                || dynamic.needed().isEmpty() && dynamic.soname() == null
                        ? Linkage.STATIC_PIE
                        : Linkage.SHARED_LIBRARY;
            default -> Linkage.NOT_EXECUTABLE;
        };
    }

    /** True when the kernel must load a dynamic loader (PT_INTERP) to run this file. */
    public boolean isDynamic() {
        return interpreter != null;
    }

    /** True for programs that run without a loader: static executables and static-pie. */
    public boolean isStatic() {
        Linkage l = linkage();
        return l == Linkage.STATIC || l == Linkage.STATIC_PIE;
    }

    public boolean isStaticPie() {
        return linkage() == Linkage.STATIC_PIE;
    }

    /** The first 128 bytes of the file (fewer for a smaller file): what binfmt_misc matches rules against. */
    public byte[] headerBytes() {
        return headerBytes.clone();
    }

    @Override
    public String toString() {
        return path + " (ELF" + bits() + " " + (bigEndian() ? "MSB" : "LSB") + " " + type() + ", machine " + machine()
                + ", " + linkage() + ")";
    }
}

package io.crossroot.arch;

/**
 * The ELF header fields that identify an architecture: class (32/64 bit), data encoding, e_machine and, where
 * two Debian architectures share a machine (armel/armhf), the e_flags bits that tell them apart.
 */
public record ElfIdentity(int elfClass, int elfData, int machine, int flagsMask, int flagsValue) {
    public static final int CLASS32 = 1;
    public static final int CLASS64 = 2;
    public static final int LSB = 1;
    public static final int MSB = 2;

    public static ElfIdentity of(int elfClass, int elfData, int machine) {
        return new ElfIdentity(elfClass, elfData, machine, 0, 0);
    }

    public boolean bigEndian() {
        return elfData == MSB;
    }

    public int bits() {
        return elfClass == CLASS64 ? 64 : 32;
    }

    /** Whether a header with these fields belongs to this identity. */
    public boolean matches(int cls, int data, int mach, int flags) {
        return cls == elfClass && data == elfData && mach == machine && (flags & flagsMask) == flagsValue;
    }
}

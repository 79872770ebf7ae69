package io.crossroot.elf;

/** e_type: what kind of ELF file this is. */
public enum ElfType {
    NONE,
    REL,
    EXEC,
    DYN,
    CORE,
    OTHER;

    static ElfType of(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> REL;
            case 2 -> EXEC;
            case 3 -> DYN;
            case 4 -> CORE;
            default -> OTHER;
        };
    }
}

package io.crossroot.elf;

/** The fixed ELF header fields (e_ident and the Ehdr that follows), as read from the file. */
record ElfHeader(
        int elfClass,
        int data,
        int osAbi,
        int abiVersion,
        int type,
        int machine,
        int flags,
        long entry,
        long phoff,
        int phentsize,
        int phnum,
        long shoff,
        int shentsize,
        int shnum) {
    static final int CLASS32 = 1;
    static final int CLASS64 = 2;

    boolean is64() {
        return elfClass == CLASS64;
    }

    /** Size of one program header the kernel expects for this class. */
    int standardPhentsize() {
        return is64() ? 56 : 32;
    }

    int standardShentsize() {
        return is64() ? 64 : 40;
    }
}

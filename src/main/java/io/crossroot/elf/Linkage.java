package io.crossroot.elf;

/** How a program gets its code at run time; decides whether it needs a loader and libraries of its own arch. */
public enum Linkage {
    /** ET_EXEC without PT_INTERP: runs on its own. */
    STATIC,
    /** ET_DYN without PT_INTERP that relocates itself (DF_1_PIE, or nothing to load): runs on its own. */
    STATIC_PIE,
    /** Has PT_INTERP: the kernel loads that dynamic loader, which loads the DT_NEEDED libraries. */
    DYNAMIC,
    /** ET_DYN without PT_INTERP that names a SONAME or needs other libraries: a library, not a program. */
    SHARED_LIBRARY,
    /** Relocatable object, core dump or unknown type: not something the kernel runs. */
    NOT_EXECUTABLE
}

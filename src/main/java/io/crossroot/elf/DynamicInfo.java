package io.crossroot.elf;

import java.util.List;

/** What the dynamic section says about linking. Empty lists and null strings when absent. */
record DynamicInfo(List<String> needed, String soname, String rpath, String runpath, long flags1) {
    static final DynamicInfo NONE = new DynamicInfo(List.of(), null, null, null, 0);

    DynamicInfo {
        needed = List.copyOf(needed);
    }
}

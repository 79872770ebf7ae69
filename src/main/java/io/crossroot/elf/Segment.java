package io.crossroot.elf;

/** One program header: where a part of the file goes in memory. Offsets and sizes are unsigned. */
public record Segment(int type, int flags, long offset, long vaddr, long fileSize, long memSize) {
    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;

    /** True when the virtual address lies in the part of this segment that comes from the file. */
    boolean containsFileBacked(long address) {
        return Long.compareUnsigned(address, vaddr) >= 0 && Long.compareUnsigned(address - vaddr, fileSize) < 0;
    }
}

package io.crossroot.rpm.file;

/**
 * One member of an rpm payload. A "newc" member (magic 070701) carries its own name and metadata; rpm's stripped
 * member (magic 07070X, for packages with files of 4 GiB or more) carries only the index of its file in the header,
 * and everything else, its size included, comes from there.
 *
 * @param name      the member name as checked by {@link io.crossroot.util.ConfinedRoot#checkedName} ("usr/bin/x");
 *                  null for a stripped member
 * @param fileIndex the header file index of a stripped member; -1 for a newc member
 */
public record CpioEntry(String name, int fileIndex, int mode, long nlink, long size) {
    public boolean isStripped() {
        return fileIndex >= 0;
    }
}

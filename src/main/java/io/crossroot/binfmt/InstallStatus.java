package io.crossroot.binfmt;

public enum InstallStatus {
    /** A new entry was registered. */
    REGISTERED,
    /** An entry of the same name (crossroot's, or any with force) was replaced. */
    UPDATED,
    /** The exact entry was already there. */
    UNCHANGED,
    /** The host runs this architecture itself; an entry would send native programs through qemu. */
    SKIPPED_NATIVE,
    /** Another entry handles these binaries; nothing changed (force replaces it). */
    CONFLICT;

    /** The status as the commands print it, e.g. "registered". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

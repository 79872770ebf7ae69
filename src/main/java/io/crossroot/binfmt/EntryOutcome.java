package io.crossroot.binfmt;

import java.util.List;

/**
 * What installing one binfmt_misc entry did.
 *
 * @param name        entry name, e.g. qemu-riscv64
 * @param archs       Debian names of the architectures the entry serves (armel and armhf share qemu-arm)
 * @param interpreter the interpreter registered, or null when none was (native, conflict)
 * @param replaced    entries removed to make room (with force, or crossroot's own older entry)
 * @param conflicts   entries that blocked the installation (status CONFLICT)
 * @param persistedTo the binfmt.d file written, or null
 * @param detail      one sentence for the user
 */
public record EntryOutcome(
        String name,
        List<String> archs,
        InstallStatus status,
        String interpreter,
        String flags,
        List<String> replaced,
        List<String> conflicts,
        String persistedTo,
        String detail) {
    public EntryOutcome {
        archs = List.copyOf(archs);
        replaced = List.copyOf(replaced);
        conflicts = List.copyOf(conflicts);
    }
}

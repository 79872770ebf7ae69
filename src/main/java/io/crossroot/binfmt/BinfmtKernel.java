package io.crossroot.binfmt;

import java.util.List;
import java.util.Optional;

/** The binfmt_misc operations the installer needs; {@link BinfmtMisc} is the real one, tests use an in-memory one. */
public interface BinfmtKernel {
    boolean isMounted();

    void ensureMounted();

    List<BinfmtEntry> list();

    void register(BinfmtRegistration registration);

    void remove(String name);

    /** Turns an existing entry on or off (writes 1 or 0 to its file). */
    void setEnabled(String name, boolean enabled);

    default Optional<BinfmtEntry> find(String name) {
        return list().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Enabled entries under other names that would take the files {@code registration} is meant for. */
    default List<BinfmtEntry> conflicts(BinfmtRegistration registration) {
        return list().stream().filter(registration::conflictsWith).toList();
    }
}

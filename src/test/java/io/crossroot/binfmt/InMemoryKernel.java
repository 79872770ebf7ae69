package io.crossroot.binfmt;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.List;

/** Behaves like binfmt_misc for the installer: newest entry first, names unique. */
final class InMemoryKernel implements BinfmtKernel {
    final List<BinfmtEntry> entries = new ArrayList<>();

    @Override
    public boolean isMounted() {
        return true;
    }

    @Override
    public void ensureMounted() {}

    @Override
    public List<BinfmtEntry> list() {
        return List.copyOf(entries);
    }

    @Override
    public void register(BinfmtRegistration r) {
        if (find(r.name()).isPresent()) {
            throw new UserError("File exists");
        }
        entries.add(
                0,
                new BinfmtEntry(r.name(), true, r.interpreter().toString(), r.flags(), r.offset(), r.pattern(), null));
    }

    @Override
    public void setEnabled(String name, boolean enabled) {
        BinfmtEntry e = find(name).orElseThrow(() -> new UserError("No such file or directory"));
        entries.set(
                entries.indexOf(e),
                new BinfmtEntry(e.name(), enabled, e.interpreter(), e.flags(), e.offset(), e.pattern(), e.extension()));
    }

    @Override
    public void remove(String name) {
        entries.removeIf(e -> e.name().equals(name));
    }
}

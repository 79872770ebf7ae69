package io.crossroot.binfmt;

import java.util.List;

/** Outcome per entry plus warnings (security notes, dynamic interpreters) for the user. */
public record InstallResult(List<EntryOutcome> entries, List<String> warnings) {
    public InstallResult {
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    public boolean hasConflicts() {
        return entries.stream().anyMatch(e -> e.status() == InstallStatus.CONFLICT);
    }
}

package io.crossroot.binfmt;

import java.util.List;

public record UninstallResult(List<RemovedEntry> removed, List<RestoredEntry> restored, List<String> warnings) {
    public UninstallResult {
        removed = List.copyOf(removed);
        restored = List.copyOf(restored);
        warnings = List.copyOf(warnings);
    }
}

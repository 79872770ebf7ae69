package io.crossroot.binfmt;

import java.util.List;

public record UninstallResult(List<RemovedEntry> removed, List<String> warnings) {
    public UninstallResult {
        removed = List.copyOf(removed);
        warnings = List.copyOf(warnings);
    }
}

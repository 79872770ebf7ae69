package io.crossroot.rpm.repo;

/** A path a package owns as primary.xml or filelists.xml lists it; data only, never a host path. */
public record ListedFile(String path, Kind kind) {
    public enum Kind {
        FILE,
        DIR,
        GHOST
    }

    static Kind kindOf(String type) {
        return switch (type == null ? "" : type) {
            case "dir" -> Kind.DIR;
            case "ghost" -> Kind.GHOST;
            default -> Kind.FILE;
        };
    }
}

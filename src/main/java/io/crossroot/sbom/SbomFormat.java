package io.crossroot.sbom;

import java.util.List;
import java.util.function.Function;

/** A document format an {@link Inventory} is written in, with the file suffix its copies carry. */
public enum SbomFormat {
    SPDX(".spdx.json", SpdxDocument::write),
    CYCLONEDX(".cdx.json", CycloneDxDocument::write);

    /** Where a root crossroot built carries its own inventory (NAME + suffix). */
    public static final String ROOT_DIR = "usr/share/doc/crossroot";

    public static final String ROOT_NAME = "sbom";

    private final String suffix;
    private final Function<Inventory, byte[]> writer;

    SbomFormat(String suffix, Function<Inventory, byte[]> writer) {
        this.suffix = suffix;
        this.writer = writer;
    }

    public String suffix() {
        return suffix;
    }

    public byte[] write(Inventory inventory) {
        return writer.apply(inventory);
    }

    /** The formats written for a choice: SPDX always, CycloneDX besides it when chosen. */
    public static List<SbomFormat> forChoice(SbomFormat chosen) {
        return chosen == CYCLONEDX ? List.of(SPDX, CYCLONEDX) : List.of(SPDX);
    }

    /** The path inside a root of its inventory in this format. */
    public String rootPath() {
        return ROOT_DIR + "/" + ROOT_NAME + suffix;
    }
}

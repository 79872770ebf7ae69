package io.crossroot.sbom;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.Paragraph;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The declared license of an installed package from its /usr/share/doc/PKG/copyright, when that file is
 * machine-readable (DEP-5, a "Format:" header): the License of the "Files: *" paragraph as an SPDX expression.
 */
final class DebianCopyright {
    /** Copyright files run to a few hundred KiB at most; the "Files: *" paragraph comes first after the header. */
    static final int LIMIT = 1 << 20;

    private DebianCopyright() {}

    /** The package's license expression, or NOASSERTION when the file is absent, free-form or names none. */
    static String license(Path root, String packageName) throws IOException {
        Optional<BoundedFile.Read> file = BoundedFile.read(root, "usr/share/doc/" + packageName + "/copyright", LIMIT);
        if (file.isEmpty()) {
            return InventoryPackage.NOASSERTION;
        }
        return license(new String(file.get().bytes(), StandardCharsets.UTF_8), packageName);
    }

    /** The license of a copyright file's text (perhaps cut short), as {@link #license(Path, String)}. */
    static String license(String text, String source) {
        if (!text.startsWith("Format:")) {
            return InventoryPackage.NOASSERTION; // free-form: no field to read a license from
        }
        List<Paragraph> paragraphs;
        try {
            paragraphs = Deb822.parseAll(text, source);
        } catch (UserError e) {
            return InventoryPackage.NOASSERTION; // not valid deb822 after all
        }
        return paragraphs.stream()
                .filter(p -> p.has("Files")
                        && List.of(p.get("Files").strip().split("\\s+")).contains("*"))
                .findFirst()
                .map(p -> p.get("License"))
                .map(l -> l.lines().findFirst().orElse("").strip())
                .filter(l -> !l.isEmpty())
                .map(SpdxLicenses::expression)
                .orElse(InventoryPackage.NOASSERTION);
    }
}

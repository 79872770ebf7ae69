package io.crossroot.rootfs;

import io.crossroot.debian.Paragraph;
import io.crossroot.debian.deb.UnpackedPackage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One paragraph of /var/lib/dpkg/status, with the fields in the order dpkg itself writes them. */
final class StatusStanza {
    /** dpkg's known fields in its output order (lib/dpkg/parse.c); other fields follow in control order. */
    private static final List<String> ORDER = List.of(
            "Package",
            "Essential",
            "Protected",
            "Status",
            "Priority",
            "Section",
            "Installed-Size",
            "Origin",
            "Maintainer",
            "Bugs",
            "Architecture",
            "Multi-Arch",
            "Source",
            "Version",
            "Config-Version",
            "Replaces",
            "Provides",
            "Depends",
            "Pre-Depends",
            "Recommends",
            "Suggests",
            "Breaks",
            "Conflicts",
            "Enhances",
            "Conffiles",
            "Filename",
            "Size",
            "MD5sum",
            "MSDOS-Filename",
            "Description",
            "Triggers-Pending",
            "Triggers-Awaited");
    /** Hash dpkg records for a conffile unpacked but not yet configured. */
    static final String NEW_CONFFILE = "newconffile";

    private StatusStanza() {}

    /** The stanza for an unpacked package ("install ok unpacked"), ending in a blank line. */
    static String unpacked(UnpackedPackage pkg) {
        return format(pkg.control(), "install ok unpacked", pkg.conffiles());
    }

    /** The stanza of a configured package; {@code hashedConffiles} are "PATH MD5" lines. */
    static String installed(UnpackedPackage pkg, List<String> hashedConffiles) {
        return stanza(pkg.control(), "install ok installed", hashedConffiles);
    }

    static String format(Paragraph control, String status, List<String> conffiles) {
        return stanza(
                control,
                status,
                conffiles.stream().map(c -> c + " " + NEW_CONFFILE).toList());
    }

    private static String stanza(Paragraph control, String status, List<String> conffileLines) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> byLower = new LinkedHashMap<>();
        control.asMap().forEach((k, v) -> byLower.put(k.toLowerCase(Locale.ROOT), k));
        StringBuilder cf = new StringBuilder();
        for (String c : conffileLines) {
            cf.append('\n').append(c);
        }
        for (String name : ORDER) {
            String value = switch (name) {
                case "Status" -> status;
                case "Conffiles" -> conffileLines.isEmpty() ? null : cf.toString();
                default -> control.get(name);
            };
            if (value != null) {
                fields.put(name, value);
            }
            byLower.remove(name.toLowerCase(Locale.ROOT));
        }
        byLower.values().forEach(k -> fields.put(k, control.get(k)));
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            sb.append(k).append(':');
            if (!v.isEmpty() && !v.startsWith("\n")) {
                sb.append(' ');
            }
            sb.append(v.replace("\n", "\n ")).append('\n');
        });
        return sb.append('\n').toString();
    }
}

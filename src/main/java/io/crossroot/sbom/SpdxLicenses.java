package io.crossroot.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Debian's short license names (DEP-5: "GPL-2+", "Expat", "BSD-3-clause", "GPL-2+ with OpenSSL exception",
 * "GPL-1+ or Artistic") as SPDX license expressions. A name without an SPDX identifier becomes LicenseRef-NAME,
 * which a document then declares, so the expression stays valid and keeps what Debian says.
 */
final class SpdxLicenses {
    static final String REF_PREFIX = "LicenseRef-";

    /** Debian names whose SPDX identifier is spelled otherwise (lower-case key). */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("expat", "MIT"),
            Map.entry("apache-2", "Apache-2.0"),
            Map.entry("artistic", "Artistic-1.0-Perl"),
            Map.entry("artistic-2", "Artistic-2.0"),
            Map.entry("bsd-2-clause", "BSD-2-Clause"),
            Map.entry("bsd-3-clause", "BSD-3-Clause"),
            Map.entry("bsd-4-clause", "BSD-4-Clause"),
            Map.entry("cc0", "CC0-1.0"),
            Map.entry("mpl-2", "MPL-2.0"),
            Map.entry("psf-2", "PSF-2.0"),
            Map.entry("zlib", "Zlib"),
            Map.entry("isc", "ISC"),
            Map.entry("mit", "MIT"),
            Map.entry("x11", "X11"),
            Map.entry("curl", "curl"),
            Map.entry("openssl", "OpenSSL"),
            Map.entry("unlicense", "Unlicense"),
            Map.entry("0bsd", "0BSD"),
            Map.entry("bsl-1.0", "BSL-1.0"),
            Map.entry("apache-2.0", "Apache-2.0"),
            Map.entry("mpl-1.1", "MPL-1.1"),
            Map.entry("mpl-2.0", "MPL-2.0"),
            Map.entry("cc0-1.0", "CC0-1.0"),
            Map.entry("python-2.0", "Python-2.0"),
            Map.entry("ofl-1.1", "OFL-1.1"),
            Map.entry("wtfpl", "WTFPL"));

    /**
     * The GNU families whose Debian names are FAMILY-N[+] and SPDX names FAMILY-N.M-only / -or-later (which some
     * copyright files use already).
     */
    private static final Pattern GNU =
            Pattern.compile("(?i)(A?GPL|LGPL|GFDL)-([0-9](?:\\.[0-9])?)(\\+|-or-later|-only)?");

    /** Exceptions with an SPDX identifier (lower-case words before "exception" to the identifier). */
    private static final Map<String, String> EXCEPTIONS = Map.of(
            "classpath", "Classpath-exception-2.0",
            "autoconf", "Autoconf-exception-3.0",
            "gcc", "GCC-exception-3.1",
            "bison", "Bison-exception-2.2",
            "font", "Font-exception-2.0",
            "libtool", "Libtool-exception");

    private SpdxLicenses() {}

    /** The SPDX expression of a DEP-5 License line's short name(s). */
    static String expression(String debian) {
        // DEP-5: a comma separates parts combined with lower precedence than "and" and "or" within them
        String[] parts = debian.strip().split("\\s*,\\s*");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String operator = "";
            if (i > 0) {
                String[] first = part.split("\\s+", 2);
                if (first.length == 2 && (first[0].equalsIgnoreCase("and") || first[0].equalsIgnoreCase("or"))) {
                    operator = first[0].toUpperCase(Locale.ROOT) + " ";
                    part = first[1];
                } else {
                    operator = "AND ";
                }
            }
            String inner = operands(part);
            out.add(operator + (parts.length > 1 && inner.contains(" ") ? "(" + inner + ")" : inner));
        }
        String joined = String.join(" ", out).strip();
        return joined.isEmpty() || joined.startsWith("AND ") || joined.startsWith("OR ")
                ? InventoryPackage.NOASSERTION
                : joined;
    }

    /** "A or B and C with X exception" with each term mapped and the operators in SPDX's spelling. */
    private static String operands(String part) {
        List<String> out = new ArrayList<>();
        List<String> term = new ArrayList<>();
        for (String word : part.split("\\s+")) {
            if (word.equalsIgnoreCase("or") || word.equalsIgnoreCase("and")) {
                if (!term.isEmpty()) {
                    out.add(term(term));
                    term.clear();
                }
                if (!out.isEmpty()) {
                    out.add(word.toUpperCase(Locale.ROOT));
                }
            } else if (!word.isEmpty()) {
                term.add(word);
            }
        }
        if (!term.isEmpty()) {
            out.add(term(term));
        } else if (!out.isEmpty()) {
            out.remove(out.size() - 1); // a dangling operator
        }
        return String.join(" ", out);
    }

    /** One license, perhaps "NAME with WORDS exception". */
    private static String term(List<String> words) {
        String license = id(words.get(0));
        if (words.size() == 1) {
            return license;
        }
        if (words.size() >= 3
                && words.get(1).equalsIgnoreCase("with")
                && words.get(words.size() - 1).equalsIgnoreCase("exception")
                && !license.startsWith(REF_PREFIX)) {
            String exception = EXCEPTIONS.get(
                    String.join("-", words.subList(2, words.size() - 1)).toLowerCase(Locale.ROOT));
            if (exception != null) {
                return license + " WITH " + exception;
            }
        }
        return ref(String.join("-", words)); // no SPDX exception for it: the whole term is Debian's own
    }

    /** The SPDX identifier of one Debian short name. */
    static String id(String debian) {
        var gnu = GNU.matcher(debian);
        if (gnu.matches()) {
            String family = gnu.group(1).toUpperCase(Locale.ROOT);
            String version = gnu.group(2).contains(".") ? gnu.group(2) : gnu.group(2) + ".0";
            boolean later = gnu.group(3) != null && !gnu.group(3).equalsIgnoreCase("-only");
            return family + "-" + version + (later ? "-or-later" : "-only");
        }
        String renamed = RENAMED.get(debian.toLowerCase(Locale.ROOT));
        return renamed != null ? renamed : ref(debian);
    }

    /** LicenseRef-NAME with every character an SPDX idstring cannot hold replaced ('+' by "-plus"). */
    static String ref(String name) {
        String id = name.replace("+", "-plus").replaceAll("[^A-Za-z0-9.-]", "-");
        return REF_PREFIX + id;
    }

    /** The LicenseRef- identifiers {@code expression} uses, sorted. */
    static Set<String> refs(String expression) {
        Set<String> out = new TreeSet<>();
        for (String token : expression.split("[\\s()]+")) {
            if (token.startsWith(REF_PREFIX)) {
                out.add(token);
            }
        }
        return out;
    }
}

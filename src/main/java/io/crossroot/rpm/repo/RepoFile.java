package io.crossroot.rpm.repo;

import java.util.Objects;

/**
 * A file of the repository that signed (or trusted) metadata vouches for: its location relative to the baseurl,
 * checksum and size. The location is checked so that it can only name a file below the baseurl: relative, no '..'
 * or '.' segment, no scheme, query, fragment, backslash, percent escape or control character.
 */
public record RepoFile(String href, Checksum checksum, long size) {
    public RepoFile {
        Objects.requireNonNull(checksum, "checksum");
        checkHref(href);
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + href);
        }
    }

    /** Throws IllegalArgumentException saying why {@code href} could reach outside the repository. */
    static void checkHref(String href) {
        if (href == null || href.isEmpty()) {
            throw new IllegalArgumentException("the location is empty");
        }
        String why = null;
        if (href.startsWith("/")) {
            why = "it is absolute";
        } else if (href.matches("(?s)[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            why = "it names a scheme (a location must be relative to the baseurl)";
        } else if (("/" + href + "/").contains("/../") || ("/" + href + "/").contains("/./")) {
            why = "it has a '..' or '.' segment";
        } else if (href.contains("//")) {
            why = "it has an empty segment";
        } else if (href.chars().anyMatch(c -> c == '\\' || c == '?' || c == '#' || c == '%' || c < 0x20 || c == 0x7f)) {
            why = "it holds a backslash, '?', '#', '%' or a control character";
        }
        if (why != null) {
            throw new IllegalArgumentException("the location '" + href + "' is unsafe: " + why);
        }
    }
}

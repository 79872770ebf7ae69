package io.crossroot.pkgbuild;

/** POSIX shell quoting for the command lines run inside the root. */
final class Shell {
    private Shell() {}

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_.,:=/+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}

package io.crossroot.disk;

/** Path arithmetic on absolute paths of the booted system ("/", "/boot/efi", "/etc/fstab"). */
final class SystemPaths {
    private SystemPaths() {}

    /** True when {@code path} is {@code dir} or lies below it. */
    static boolean isUnder(String path, String dir) {
        return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
    }

    /** {@code path} relative to {@code dir} ("" for dir itself); path must be under dir. */
    static String relative(String path, String dir) {
        if (dir.equals("/")) {
            return path.substring(1);
        }
        return path.length() == dir.length() ? "" : path.substring(dir.length() + 1);
    }
}

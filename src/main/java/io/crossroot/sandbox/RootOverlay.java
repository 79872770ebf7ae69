package io.crossroot.sandbox;

import java.util.regex.Pattern;

/**
 * A read-only overlay a sandbox mounts for one command and nothing else: the files of {@code lower} (a directory of
 * the root) shown over those of {@code dir} (another), for example native stand-ins over /usr/bin. The mount lives in
 * the command's own mount namespace, so it ends with the command and the root's files stay as they are on disk.
 * Both paths are relative to the root and use plain characters only: they are written into the mount script, and an
 * overlay's options cannot quote a ':' or ','.
 */
public record RootOverlay(String dir, String lower) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*");

    public RootOverlay {
        requirePlain(dir);
        requirePlain(lower);
    }

    private static void requirePlain(String path) {
        if (!PLAIN.matcher(path).matches() || ("/" + path + "/").contains("/../") || ("/" + path).contains("/./")) {
            throw new IllegalArgumentException("not a plain relative path: " + path);
        }
    }

    /** Whether an overlay's options can name {@code rootPath} (the host's path of the root). */
    public static boolean canName(String rootPath) {
        return !rootPath.contains(",") && !rootPath.contains(":") && !rootPath.contains("\\");
    }

    /** The script line that mounts it, {@code $r} being the root. */
    String mountLine() {
        return "mount -t overlay -o \"ro,lowerdir=$r/" + lower + ":$r/" + dir + "\" crossroot-overlay \"$r/" + dir
                + "\"";
    }
}

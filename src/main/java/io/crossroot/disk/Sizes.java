package io.crossroot.disk;

import java.util.Locale;

/** Byte sizes as layouts write them: 512, 64K, 64M, 2G, 1T (binary units, optional "iB"/"B"). */
public final class Sizes {
    public static final long SECTOR = 512;
    public static final long MIB = 1L << 20;

    private Sizes() {}

    public static long parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replaceAll("I?B$", "");
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            case 'T' -> 40;
            case 'S' -> -1;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        if (!digits.matches("[0-9]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 512, 64K, 64M, 2G)");
        }
        long n = Long.parseLong(digits);
        return shift < 0 ? n * SECTOR : n << shift;
    }

    public static long alignUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    /** "64 MiB", "1.5 GiB", "300 B": for messages. */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }
}

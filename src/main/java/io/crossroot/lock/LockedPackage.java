package io.crossroot.lock;

import io.crossroot.debian.HashedFile;
import io.crossroot.debian.PackageNames;
import io.crossroot.debian.resolve.BinaryPackage;
import io.crossroot.util.UserError;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One .deb a lockfile pins: what it is (name, version, architecture) and exactly which file (its pool path below the
 * mirror, size and SHA256). The constructor refuses anything a hostile lockfile could use to leave the mirror's pool.
 */
public record LockedPackage(String name, String version, String architecture, String filename, long size, String sha256)
        implements Comparable<LockedPackage> {
    /** A pool path of plain segments (none is "." or ".."): no scheme, no escape, no percent-encoding. */
    private static final Pattern POOL_PATH =
            Pattern.compile("pool/([A-Za-z0-9][A-Za-z0-9+._~-]*/)+[A-Za-z0-9][A-Za-z0-9+._~-]*\\.deb");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private static final Comparator<LockedPackage> ORDER = Comparator.comparing(LockedPackage::name)
            .thenComparing(LockedPackage::architecture)
            .thenComparing(LockedPackage::version)
            .thenComparing(LockedPackage::filename);

    public LockedPackage {
        String what = "The locked package '" + name + "'";
        PackageNames.name(name, "The lockfile");
        PackageNames.version(version, what);
        PackageNames.architecture(architecture, what);
        poolPath(filename);
        if (size < 0) {
            throw new UserError(what + " has the negative size " + size + ".");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new UserError(what + " has the SHA256 '" + sha256 + "', which is not 64 lower-case hex digits.");
        }
    }

    /** The entry for a package from a Packages index (its Filename, Size and SHA256). */
    public static LockedPackage of(BinaryPackage p) {
        HashedFile file = HashedFile.ofPackage(p.paragraph());
        return new LockedPackage(
                p.name(), p.version().toString(), p.architecture(), file.path(), file.size(), file.sha256());
    }

    /** The file to fetch from the mirror and the size and hash it must have. */
    public HashedFile file() {
        return new HashedFile(filename, size, sha256);
    }

    /** "name version (architecture, pool path)", how messages name the package. */
    public String describe() {
        return name + " " + version + " (" + architecture + ", " + filename + ")";
    }

    /** {@code path} if it is a plain .deb path below the mirror's pool/, else an IllegalArgumentException. */
    static String poolPath(String path) {
        if (path == null || !POOL_PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("'" + path + "' is not a .deb path below the mirror's pool/ (plain "
                    + "names of letters, digits and '+._~-' separated by '/'; no '..', no URL)");
        }
        return path;
    }

    @Override
    public int compareTo(LockedPackage other) {
        return ORDER.compare(this, other);
    }
}

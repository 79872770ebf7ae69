package io.crossroot.rpm.file;

import io.crossroot.debian.Compression;
import io.crossroot.util.ConfinedRoot;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The main header of an .rpm as typed values: identity, payload encoding, the file list, dependencies,
 * scriptlets and triggers. Parallel arrays (one value per file, per dependency) are checked to have the same
 * length as the list they belong to.
 */
public final class RpmHeader {
    private final HeaderStructure h;
    private final Object source;
    private List<RpmFileEntry> files;

    public RpmHeader(HeaderStructure h, Object source) {
        this.h = h;
        this.source = source;
    }

    /** The raw structure, for tags this class has no getter for. */
    public HeaderStructure structure() {
        return h;
    }

    public String name() {
        return required(RpmTags.NAME);
    }

    public String version() {
        return required(RpmTags.VERSION);
    }

    public String release() {
        return required(RpmTags.RELEASE);
    }

    /** The epoch; absent (rpm treats that as 0 when comparing) when the header has none. */
    public OptionalLong epoch() {
        long[] e = h.numbers(RpmTags.EPOCH);
        return e.length == 0 ? OptionalLong.empty() : OptionalLong.of(e[0]);
    }

    /** "riscv64", "noarch"; a source package's header says its build architecture. */
    public String arch() {
        return optional(RpmTags.ARCH);
    }

    public String os() {
        return optional(RpmTags.OS);
    }

    public String summary() {
        return optional(RpmTags.SUMMARY);
    }

    public String sourceRpm() {
        return optional(RpmTags.SOURCERPM);
    }

    /** "name-[epoch:]version-release.arch", as rpm prints a package. */
    public String nevra() {
        OptionalLong e = epoch();
        return name() + "-" + (e.isPresent() ? e.getAsLong() + ":" : "") + version() + "-" + release() + "." + arch();
    }

    /** "cpio" for every package rpm 4 writes. */
    public String payloadFormat() {
        String f = h.string(RpmTags.PAYLOADFORMAT);
        return f == null ? "cpio" : f;
    }

    /** The payload's compression by PAYLOADCOMPRESSOR (gzip when absent, as rpm assumes). */
    public Compression payloadCompression() {
        String c = h.string(RpmTags.PAYLOADCOMPRESSOR);
        return switch (c == null ? "gzip" : c) {
            case "gzip" -> Compression.GZIP;
            case "bzip2" -> Compression.BZIP2;
            case "xz" -> Compression.XZ;
            case "lzma" -> Compression.LZMA;
            case "zstd" -> Compression.ZSTD;
            case "identity", "none" -> Compression.NONE;
            default -> throw new RpmFormatError(source, "its payload uses the unknown compressor '" + c + "'");
        };
    }

    /** The digest of the compressed payload (PAYLOADDIGEST, hex) and its algorithm, if the header has one. */
    public Optional<Digest> payloadDigest() {
        String hex = h.string(RpmTags.PAYLOADDIGEST);
        if (hex == null) {
            return Optional.empty();
        }
        long[] algo = h.numbers(RpmTags.PAYLOADDIGESTALGO);
        return Optional.of(new Digest(algo.length == 0 ? DigestAlgorithm.SHA256 : (int) algo[0], hex));
    }

    /** A digest in hex with its OpenPGP hash algorithm number (8 = SHA-256). */
    public record Digest(int algorithm, String hex) {}

    /** FILEDIGESTALGO: MD5 (1) when absent, as rpm before 4.6 wrote only MD5. */
    public int fileDigestAlgorithm() {
        long[] a = h.numbers(RpmTags.FILEDIGESTALGO);
        return a.length == 0 ? DigestAlgorithm.MD5 : (int) a[0];
    }

    /** The file list in header order (sorted by path, as rpm writes it). */
    public List<RpmFileEntry> files() {
        if (files == null) {
            files = readFiles();
        }
        return files;
    }

    private List<RpmFileEntry> readFiles() {
        List<String> paths = paths();
        int n = paths.size();
        long[] modes = perFile(h.numbers(RpmTags.FILEMODES), n, "FILEMODES", true);
        long[] sizes = h.has(RpmTags.LONGFILESIZES)
                ? perFile(h.numbers(RpmTags.LONGFILESIZES), n, "LONGFILESIZES", true)
                : perFile(h.numbers(RpmTags.FILESIZES), n, "FILESIZES", true);
        List<String> users = perFile(h.strings(RpmTags.FILEUSERNAME), n, "FILEUSERNAME");
        List<String> groups = perFile(h.strings(RpmTags.FILEGROUPNAME), n, "FILEGROUPNAME");
        long[] flags = perFile(h.numbers(RpmTags.FILEFLAGS), n, "FILEFLAGS", false);
        List<String> digests = perFile(h.strings(RpmTags.FILEDIGESTS), n, "FILEDIGESTS");
        List<String> links = perFile(h.strings(RpmTags.FILELINKTOS), n, "FILELINKTOS");
        long[] mtimes = perFile(h.numbers(RpmTags.FILEMTIMES), n, "FILEMTIMES", false);
        long[] devices = perFile(h.numbers(RpmTags.FILEDEVICES), n, "FILEDEVICES", false);
        long[] inodes = perFile(h.numbers(RpmTags.FILEINODES), n, "FILEINODES", false);
        long[] rdevs = perFile(h.numbers(RpmTags.FILERDEVS), n, "FILERDEVS", false);
        List<String> caps = perFile(h.strings(RpmTags.FILECAPS), n, "FILECAPS");
        List<RpmFileEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int mode = (int) modes[i];
            if (sizes[i] < 0) {
                throw new RpmFormatError(source, "file " + paths.get(i) + " has a negative size");
            }
            out.add(new RpmFileEntry(
                    i,
                    paths.get(i),
                    mode,
                    sizes[i],
                    at(users, i, "root"),
                    at(groups, i, "root"),
                    at(flags, i),
                    at(digests, i, ""),
                    at(links, i, ""),
                    at(mtimes, i),
                    at(devices, i),
                    at(inodes, i),
                    (int) at(rdevs, i),
                    at(caps, i, "")));
        }
        return List.copyOf(out);
    }

    /** BASENAMES/DIRNAMES/DIRINDEXES (rpm 4) or OLDFILENAMES (rpm 3), each path absolute and without '..'. */
    private List<String> paths() {
        List<String> out;
        if (h.has(RpmTags.BASENAMES)) {
            List<String> bases = h.strings(RpmTags.BASENAMES);
            List<String> dirs = h.strings(RpmTags.DIRNAMES);
            long[] index = perFile(h.numbers(RpmTags.DIRINDEXES), bases.size(), "DIRINDEXES", true);
            out = new ArrayList<>(bases.size());
            for (int i = 0; i < bases.size(); i++) {
                if (index[i] >= dirs.size()) {
                    throw new RpmFormatError(
                            source,
                            "file " + bases.get(i) + " names directory " + index[i] + " of only " + dirs.size());
                }
                out.add(dirs.get((int) index[i]) + bases.get(i));
            }
        } else {
            out = h.strings(RpmTags.OLDFILENAMES);
        }
        for (String p : out) {
            if (!p.startsWith("/") || p.indexOf('\uFFFD') >= 0) {
                throw new RpmFormatError(
                        source, "its file list holds the path '" + p + "', which is not an " + "absolute UTF-8 path");
            }
            ConfinedRoot.checkedName(p, source);
        }
        return out;
    }

    private long[] perFile(long[] values, int n, String tag, boolean required) {
        if ((values.length == 0 && !required) || values.length == n) {
            return values;
        }
        throw new RpmFormatError(source, "its " + tag + " lists " + values.length + " values for " + n + " files");
    }

    private List<String> perFile(List<String> values, int n, String tag) {
        if (values.isEmpty() || values.size() == n) {
            return values;
        }
        throw new RpmFormatError(source, "its " + tag + " lists " + values.size() + " values for " + n + " files");
    }

    private static long at(long[] values, int i) {
        return values.length == 0 ? 0 : values[i];
    }

    private static String at(List<String> values, int i, String absent) {
        return values.isEmpty() ? absent : values.get(i);
    }

    /** The dependencies of one kind, in header order. */
    public List<DependencyTriple> dependencies(DependencyTag tag) {
        List<String> names = h.strings(tag.nameTag);
        long[] flags = h.numbers(tag.flagsTag);
        List<String> versions = h.strings(tag.versionTag);
        if ((flags.length != 0 && flags.length != names.size())
                || (!versions.isEmpty() && versions.size() != names.size())) {
            throw new RpmFormatError(
                    source,
                    "its " + tag.name().toLowerCase(java.util.Locale.ROOT) + " lists " + names.size() + " names but "
                            + flags.length + " flags and " + versions.size() + " versions");
        }
        List<DependencyTriple> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(new DependencyTriple(tag, names.get(i), at(flags, i), at(versions, i, "")));
        }
        return out;
    }

    /** The package scriptlets it has, in the order rpm runs them on install and removal. */
    public List<Scriptlet> scriptlets() {
        List<Scriptlet> out = new ArrayList<>();
        for (ScriptletPhase phase : ScriptletPhase.values()) {
            String body = h.string(phase.bodyTag);
            List<String> prog = h.strings(phase.progTag);
            if (body == null && prog.isEmpty()) {
                continue;
            }
            long[] flags = h.numbers(phase.flagsTag);
            out.add(new Scriptlet(
                    phase,
                    prog.isEmpty() ? List.of("/bin/sh") : prog,
                    body == null ? "" : body,
                    flags.length == 0 ? 0 : flags[0]));
        }
        return out;
    }

    /** Package triggers, file triggers and transaction file triggers, each script with its conditions. */
    public List<Trigger> triggers() {
        List<Trigger> out = new ArrayList<>();
        for (TriggerFamily f : TriggerFamily.values()) {
            List<String> scripts = h.strings(f.scriptsTag);
            List<String> progs = h.strings(f.progTag);
            long[] scriptFlags = f.scriptFlagsTag < 0 ? new long[0] : h.numbers(f.scriptFlagsTag);
            long[] priorities = f.prioritiesTag < 0 ? new long[0] : h.numbers(f.prioritiesTag);
            List<String> names = h.strings(f.nameTag);
            long[] flags = h.numbers(f.flagsTag);
            List<String> versions = h.strings(f.versionTag);
            long[] index = h.numbers(f.indexTag);
            int n = scripts.size();
            if ((!progs.isEmpty() && progs.size() != n)
                    || (scriptFlags.length != 0 && scriptFlags.length != n)
                    || (priorities.length != 0 && priorities.length != n)
                    || index.length != names.size()
                    || (flags.length != 0 && flags.length != names.size())
                    || (!versions.isEmpty() && versions.size() != names.size())) {
                throw new RpmFormatError(
                        source, "its " + f.name().toLowerCase(java.util.Locale.ROOT) + " trigger tags do not line up");
            }
            List<List<Trigger.Condition>> conditions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                conditions.add(new ArrayList<>());
            }
            for (int c = 0; c < names.size(); c++) {
                if (index[c] >= n) {
                    throw new RpmFormatError(
                            source,
                            "trigger condition " + names.get(c) + " names script " + index[c] + " of only " + n);
                }
                conditions
                        .get((int) index[c])
                        .add(new Trigger.Condition(names.get(c), at(flags, c), at(versions, c, "")));
            }
            for (int i = 0; i < n; i++) {
                out.add(new Trigger(
                        f,
                        progs.isEmpty() ? List.of("/bin/sh") : List.of(progs.get(i)),
                        scripts.get(i),
                        at(scriptFlags, i),
                        at(priorities, i),
                        conditions.get(i)));
            }
        }
        return out;
    }

    private String required(int tag) {
        String v = h.string(tag);
        if (v == null || v.isEmpty()) {
            throw new RpmFormatError(source, "its header has no tag " + tag + " (name, version or release)");
        }
        return v;
    }

    private String optional(int tag) {
        String v = h.string(tag);
        return v == null ? "" : v;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}

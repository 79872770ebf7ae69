package io.crossroot.debian.resolve;

import io.crossroot.debian.PackageNames;
import io.crossroot.debian.Paragraph;
import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationGroup;
import io.crossroot.debian.RelationParser;
import io.crossroot.debian.Version;
import io.crossroot.util.UserError;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * One binary package stanza of a Packages index, with the fields dependency resolution needs parsed. The original
 * {@link Paragraph} stays available for everything else. Identity is name, version and architecture.
 * Relations other than Provides are parsed on first use; two threads may both parse one, harmlessly.
 */
public final class BinaryPackage {
    private final Paragraph paragraph;
    private final String name;
    private final Version version;
    private final String architecture;
    private final MultiArch multiArch;
    private final boolean essential;
    private final String priority;
    private final List<Relation> provides;
    // Parsed on first use: the resolver reads them for a few hundred of the index's ~60,000 packages.
    private List<RelationGroup> preDepends;
    private List<RelationGroup> depends;
    private List<Relation> conflicts;
    private List<Relation> breaks;

    private BinaryPackage(Paragraph p) {
        this.paragraph = p;
        String where = "The package index stanza at line " + p.line();
        this.name = PackageNames.name(required(p, "Package"), where);
        this.version = Version.parse(PackageNames.version(required(p, "Version"), where + " (" + name + ")"));
        this.architecture = PackageNames.architecture(required(p, "Architecture"), where + " (" + name + ")");
        this.multiArch = MultiArch.parse(p.get("Multi-Arch"), name);
        this.essential =
                "yes".equalsIgnoreCase(p.getOrDefault("Essential", "no").strip());
        this.priority = p.getOrDefault("Priority", "optional").strip().toLowerCase(Locale.ROOT);
        this.provides = parsed(() -> RelationParser.parseWithoutAlternatives("Provides", p.get("Provides")));
    }

    /** Runs a field parser, naming this package in its error. */
    private <T> T parsed(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (UserError e) {
            throw new UserError("Package " + name + " " + version + " in the index: " + e.getMessage(), e);
        }
    }

    /** Parses a Packages stanza; throws {@link UserError} when a field the resolver needs is missing or invalid. */
    public static BinaryPackage from(Paragraph p) {
        return new BinaryPackage(p);
    }

    private static String required(Paragraph p, String field) {
        String v = p.get(field);
        if (v == null || v.isBlank()) {
            throw new UserError("The package index stanza at line " + p.line() + " (" + p.getOrDefault("Package", "?")
                    + ") has no " + field + " field; the index is damaged.");
        }
        return v.strip();
    }

    public Paragraph paragraph() {
        return paragraph;
    }

    public String name() {
        return name;
    }

    public Version version() {
        return version;
    }

    public String architecture() {
        return architecture;
    }

    public MultiArch multiArch() {
        return multiArch;
    }

    public boolean essential() {
        return essential;
    }

    /** Lower-case Priority; "optional" when absent. */
    public String priority() {
        return priority;
    }

    public List<RelationGroup> preDepends() {
        if (preDepends == null) {
            preDepends = parsed(() -> RelationParser.parse("Pre-Depends", paragraph.get("Pre-Depends")));
        }
        return preDepends;
    }

    public List<RelationGroup> depends() {
        if (depends == null) {
            depends = parsed(() -> RelationParser.parse("Depends", paragraph.get("Depends")));
        }
        return depends;
    }

    public List<Relation> provides() {
        return provides;
    }

    public List<Relation> conflicts() {
        if (conflicts == null) {
            conflicts = parsed(() -> RelationParser.parseWithoutAlternatives("Conflicts", paragraph.get("Conflicts")));
        }
        return conflicts;
    }

    public List<Relation> breaks() {
        if (breaks == null) {
            breaks = parsed(() -> RelationParser.parseWithoutAlternatives("Breaks", paragraph.get("Breaks")));
        }
        return breaks;
    }

    public String filename() {
        return paragraph.get("Filename");
    }

    public OptionalLong size() {
        String s = paragraph.get("Size");
        return s == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s.strip()));
    }

    public String sha256() {
        return paragraph.get("SHA256");
    }

    public String section() {
        return paragraph.get("Section");
    }

    /** "name version (arch)", as apt prints it. */
    public String label() {
        return name + " " + version + " (" + architecture + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryPackage b
                && name.equals(b.name)
                && version.equals(b.version)
                && architecture.equals(b.architecture);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, architecture);
    }

    @Override
    public String toString() {
        return name + "_" + version + "_" + architecture;
    }
}

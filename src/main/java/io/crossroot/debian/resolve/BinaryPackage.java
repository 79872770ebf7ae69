package io.crossroot.debian.resolve;

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

/**
 * One binary package stanza of a Packages index, with the fields dependency resolution needs parsed. The original
 * {@link Paragraph} stays available for everything else. Identity is name, version and architecture.
 */
public final class BinaryPackage {
    private final Paragraph paragraph;
    private final String name;
    private final Version version;
    private final String architecture;
    private final MultiArch multiArch;
    private final boolean essential;
    private final String priority;
    private final List<RelationGroup> preDepends;
    private final List<RelationGroup> depends;
    private final List<Relation> provides;
    private final List<Relation> conflicts;
    private final List<Relation> breaks;

    private BinaryPackage(Paragraph p) {
        this.paragraph = p;
        this.name = required(p, "Package");
        this.version = Version.parse(required(p, "Version"));
        this.architecture = required(p, "Architecture");
        this.multiArch = MultiArch.parse(p.get("Multi-Arch"), name);
        this.essential = "yes".equalsIgnoreCase(p.getOrDefault("Essential", "no").strip());
        this.priority = p.getOrDefault("Priority", "optional").strip().toLowerCase(Locale.ROOT);
        try {
            this.preDepends = RelationParser.parse("Pre-Depends", p.get("Pre-Depends"));
            this.depends = RelationParser.parse("Depends", p.get("Depends"));
            this.provides = RelationParser.parseWithoutAlternatives("Provides", p.get("Provides"));
            this.conflicts = RelationParser.parseWithoutAlternatives("Conflicts", p.get("Conflicts"));
            this.breaks = RelationParser.parseWithoutAlternatives("Breaks", p.get("Breaks"));
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
        return preDepends;
    }

    public List<RelationGroup> depends() {
        return depends;
    }

    public List<Relation> provides() {
        return provides;
    }

    public List<Relation> conflicts() {
        return conflicts;
    }

    public List<Relation> breaks() {
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
        return o instanceof BinaryPackage b && name.equals(b.name) && version.equals(b.version)
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

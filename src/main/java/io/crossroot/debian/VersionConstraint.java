package io.crossroot.debian;

/** The "(OP VERSION)" part of a relation. */
public record VersionConstraint(RelationOperator operator, Version version) {
    public boolean allows(Version actual) {
        return operator.holds(actual, version);
    }

    @Override
    public String toString() {
        return operator.symbol() + " " + version;
    }
}

package io.crossroot.debian.resolve;

import io.crossroot.debian.Relation;
import io.crossroot.debian.RelationGroup;

/** A starting point of resolution: a relation to satisfy and the rule that asked for it. */
record Root(RelationGroup relation, String why) {
    static Root named(String packageName, String why) {
        return new Root(RelationGroup.of(Relation.of(packageName, null)), why);
    }
}

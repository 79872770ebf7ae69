package io.crossroot.rpm.repo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A repository's comps (group) file: package groups and the environments built from them. */
public record Comps(List<Group> groups, List<Environment> environments) {
    public Comps {
        groups = List.copyOf(groups);
        environments = List.copyOf(environments);
    }

    public Optional<Group> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    public Optional<Environment> environment(String id) {
        return environments.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * A group: its package names by kind, as dnf installs them (mandatory and default by default, optional on
     * request, conditional ones only when the package their value names is installed).
     */
    public record Group(
            String id,
            String name,
            String description,
            boolean isDefault,
            boolean userVisible,
            List<String> mandatory,
            List<String> defaults,
            List<String> optional,
            Map<String, String> conditional) {
        public Group {
            mandatory = List.copyOf(mandatory);
            defaults = List.copyOf(defaults);
            optional = List.copyOf(optional);
            conditional = Map.copyOf(conditional);
        }
    }

    /** An environment: the groups it always installs and those it offers as options. */
    public record Environment(String id, String name, String description, List<String> groups, List<String> options) {
        public Environment {
            groups = List.copyOf(groups);
            options = List.copyOf(options);
        }
    }
}

package io.crossroot.debian.resolve;

import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The base package sets of mmdebstrap(1) (section VARIANTS). Like mmdebstrap, the Essential:yes set is installed
 * first and the priority-selected packages after it, so choices made for the essential set hold for the rest.
 */
public enum Variant {
    /** Essential:yes packages. */
    ESSENTIAL(Set.of(), List.of()),
    /** The essential set plus apt. */
    APT(Set.of(), List.of("apt")),
    /** The essential set plus Priority:required plus apt (mmdebstrap's "required", "minbase"). */
    MINBASE(Set.of("required"), List.of("apt")),
    /** minbase plus build-essential. */
    BUILDD(Set.of("required"), List.of("apt", "build-essential")),
    /** minbase plus Priority:important (debootstrap's default). */
    IMPORTANT(Set.of("required", "important"), List.of("apt")),
    /** important plus Priority:standard. */
    STANDARD(Set.of("required", "important", "standard"), List.of("apt")),
    /** Only the packages asked for and their dependencies, not even the essential set (mmdebstrap's "custom"). */
    CUSTOM(Set.of(), List.of());

    private final Set<String> priorities;
    private final List<String> extraPackages;

    Variant(Set<String> priorities, List<String> extraPackages) {
        this.priorities = priorities;
        this.extraPackages = extraPackages;
    }

    /** A variant by its mmdebstrap name; "required" is minbase, "debootstrap" and "-" are important. */
    public static Variant fromName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "required" -> MINBASE;
            case "debootstrap", "-" -> IMPORTANT;
            default ->
                Arrays.stream(values())
                        .filter(v -> v.displayName().equals(n))
                        .findFirst()
                        .orElseThrow(() -> new UserError("Unknown variant '" + name + "'. Known variants: "
                                + Arrays.stream(values())
                                        .map(Variant::displayName)
                                        .collect(Collectors.joining(", "))
                                + " (and 'required', 'debootstrap' as in mmdebstrap)."));
        };
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The starting packages in install phases: first the essential set, then the rest. */
    List<List<Root>> phases(PackageIndex index) {
        if (this == CUSTOM) {
            return List.of();
        }
        List<Root> essential = select(index, BinaryPackage::essential, "Essential: yes");
        List<Root> rest = new ArrayList<>();
        for (String priority : List.of("required", "important", "standard")) {
            if (priorities.contains(priority)) {
                rest.addAll(
                        select(index, p -> !p.essential() && p.priority().equals(priority), "Priority: " + priority));
            }
        }
        for (String extra : extraPackages) {
            rest.add(Root.named(extra, "variant " + displayName()));
        }
        return List.of(essential, rest);
    }

    private static List<Root> select(PackageIndex index, Predicate<BinaryPackage> rule, String why) {
        return index.newestOfEach().stream()
                .filter(rule)
                .map(p -> Root.named(p.name(), why))
                .toList();
    }
}

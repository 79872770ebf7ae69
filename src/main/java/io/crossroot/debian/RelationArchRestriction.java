package io.crossroot.debian;

import java.util.List;
import java.util.Map;

/**
 * One term of an architecture restriction list such as "[amd64 !riscv64 linux-any]". Policy 7.1 wants a list to
 * be all plain (applies only there) or all negated (applies everywhere but there); mixed lists are read the way
 * dpkg's debarch_is_concerned reads them.
 *
 * @param arch    a Debian architecture or wildcard (any, linux-any, any-arm, ...)
 * @param negated written with '!'
 */
public record RelationArchRestriction(String arch, boolean negated) {
    // Debian architectures whose CPU name (for "any-CPU" wildcards, see dpkg's cputable) differs from the arch name
    private static final Map<String, String> CPU_OF_ARCH = Map.of(
            "armhf", "arm",
            "armel", "arm",
            "x32", "amd64");

    /** Whether this term's architecture (or wildcard) names {@code debianArch}, ignoring the negation. */
    public boolean names(String debianArch) {
        return wildcardMatches(arch, debianArch);
    }

    /**
     * Whether a Debian architecture wildcard covers an architecture. Architectures without an OS prefix are
     * Linux ones; crossroot builds only those.
     */
    public static boolean wildcardMatches(String pattern, String debianArch) {
        if (pattern.equals(debianArch) || pattern.equals("any")) {
            return true;
        }
        String os = debianArch.contains("-") ? debianArch.substring(0, debianArch.indexOf('-')) : "linux";
        String cpu = debianArch.contains("-") ? debianArch.substring(debianArch.indexOf('-') + 1) : debianArch;
        cpu = CPU_OF_ARCH.getOrDefault(cpu, cpu);
        int dash = pattern.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        String patOs = pattern.substring(0, dash);
        String patCpu = pattern.substring(dash + 1);
        // the OS part may carry an ABI prefix: gnu-linux-any
        boolean osOk = patOs.equals("any") || patOs.equals(os) || patOs.endsWith("-" + os);
        boolean cpuOk = patCpu.equals("any") || patCpu.equals(cpu);
        return osOk && cpuOk;
    }

    /** Whether a relation with these terms applies on {@code debianArch} (an empty list applies everywhere). */
    public static boolean appliesTo(List<RelationArchRestriction> terms, String debianArch) {
        if (terms.isEmpty()) {
            return true;
        }
        boolean applies = false;
        for (RelationArchRestriction t : terms) {
            if (t.negated()) {
                if (t.names(debianArch)) {
                    return false;
                }
                applies = true; // "!x" takes in every other architecture
            } else if (t.names(debianArch)) {
                return true;
            }
        }
        return applies;
    }

    @Override
    public String toString() {
        return (negated ? "!" : "") + arch;
    }
}

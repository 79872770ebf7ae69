package io.crossroot.rootfs;

import io.crossroot.debian.deb.UnpackedPackage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which interested package must run "postinst triggered NAMES" after a native install, as dpkg decides it
 * (deb-triggers(5)): a file trigger fires when a package ships a path at or below its directory, an explicit one
 * when a package's triggers file "activate"s it, or a script ran dpkg-trigger (recorded in triggers/Unincorp).
 * dpkg ignores activations for a package not yet configured, whose postinst "configure" does the work anyway, so
 * only packages later in the install order fire (this spares e.g. a second initramfs generation).
 */
final class ActivatedTriggers {
    private ActivatedTriggers() {}

    /** Interested package (info name) to the trigger names that fired for it, in install order. */
    static Map<String, Set<String>> find(List<UnpackedPackage> installOrder, Path admin) throws IOException {
        Set<String> byScripts = new TreeSet<>();
        Path unincorp = admin.resolve("triggers/Unincorp");
        if (Files.exists(unincorp)) {
            for (String line : Files.readAllLines(unincorp)) {
                String[] w = line.strip().split("\\s+");
                if (!w[0].isEmpty()) {
                    byScripts.add(w[0]);
                }
            }
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < installOrder.size(); i++) {
            UnpackedPackage p = installOrder.get(i);
            List<UnpackedPackage> later = installOrder.subList(i + 1, installOrder.size());
            for (String[] d : directives(p)) {
                if (d[0].startsWith("interest") && (byScripts.contains(d[1]) || firedBy(d[1], later))) {
                    out.computeIfAbsent(p.infoName(), k -> new TreeSet<>()).add(d[1]);
                }
            }
        }
        return out;
    }

    private static boolean firedBy(String trigger, List<UnpackedPackage> packages) {
        if (!trigger.startsWith("/")) {
            return packages.stream()
                    .flatMap(p -> directives(p).stream())
                    .anyMatch(d -> d[0].startsWith("activate") && d[1].equals(trigger));
        }
        String below = trigger.endsWith("/") ? trigger : trigger + "/";
        return packages.stream()
                .flatMap(p -> p.paths().stream())
                .anyMatch(path -> path.equals(trigger) || path.startsWith(below));
    }

    /** The triggers control file's directives as [keyword, name] pairs. */
    static List<String[]> directives(UnpackedPackage p) {
        byte[] t = p.controlFiles().get("triggers");
        if (t == null) {
            return List.of();
        }
        return new String(t, StandardCharsets.UTF_8)
                .lines()
                .map(l -> l.replaceFirst("#.*", "").strip())
                .map(l -> l.split("\\s+"))
                .filter(w -> w.length >= 2)
                .toList();
    }
}

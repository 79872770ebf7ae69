package io.crossroot.rootfs;

import io.crossroot.debian.deb.UnpackedPackage;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finishes a root without running anything inside it (image build --no-scripts, as apko and rules_distroless do):
 * conffiles are put in place and every package is recorded as installed, natively. The rule: a package with a
 * script that runs at installation (preinst, config or postinst) is refused, since crossroot cannot tell whether
 * the image works without what the script does, unless the user named it in {@code skipScriptsOf}. Trigger
 * activations are dropped: the packages interested in them have a postinst, so they are refused or skipped too.
 *
 * @param skipScriptsOf packages whose installation scripts the user accepts not to run
 */
public record UnscriptedInstall(Set<String> skipScriptsOf) {
    /** The scripts dpkg runs while installing; prerm and postrm run only at removal. */
    static final List<String> INSTALL_SCRIPTS = List.of("preinst", "config", "postinst");

    /** What a script line calling one of these does, for the refusal message. */
    private static final Map<Pattern, String> DUTIES = duties();

    public UnscriptedInstall {
        skipScriptsOf = Set.copyOf(skipScriptsOf);
    }

    private static Map<Pattern, String> duties() {
        Map<Pattern, String> d = new LinkedHashMap<>();
        d.put(command("adduser|addgroup|useradd|groupadd|usermod|systemd-sysusers"), "creates users or groups");
        d.put(command("update-alternatives"), "registers alternatives");
        d.put(command("dpkg-divert"), "diverts files");
        d.put(command("dpkg-statoverride|chown|chgrp|chmod|setcap"), "sets owners, modes or capabilities");
        d.put(command("ln|mkdir|cp|mv|install|touch|cat|rm|rmdir"), "creates or changes files");
        d.put(command("update-[a-z0-9-]+|ldconfig|systemd-tmpfiles"), "regenerates files (update-*, ldconfig)");
        d.put(Pattern.compile("confmodule|\\bdb_(input|get|set|go)\\b"), "asks debconf questions");
        return d;
    }

    /** A program name where a shell command starts: at the line start or after ;, &&, ||, |, $( or a backquote. */
    private static Pattern command(String names) {
        return Pattern.compile("(^|[;&|(`]|then|do|else)\\s*(" + names + ")(\\s|$|;)");
    }

    /**
     * Refuses the set unless only skipped packages have installation scripts, then does what "dpkg --configure"
     * does besides running scripts: conffiles into place, status "install ok installed".
     */
    void install(Path root, List<UnpackedPackage> unpacked, RootfsProgress progress) throws IOException {
        requireKnownSkips(unpacked);
        List<UnpackedPackage> scripted =
                unpacked.stream().filter(p -> !installScripts(p).isEmpty()).toList();
        List<UnpackedPackage> refused = scripted.stream()
                .filter(p -> !skipScriptsOf.contains(p.name()))
                .sorted(Comparator.comparing(UnpackedPackage::name))
                .toList();
        if (!refused.isEmpty()) {
            throw refusal(refused);
        }
        if (!scripted.isEmpty()) {
            progress.phase(
                    "no scripts",
                    "not run, as --skip-scripts-of asked: "
                            + scripted.stream().map(UnscriptedInstall::describe).collect(Collectors.joining(", ")));
        }
        DpkgDatabase db = new DpkgDatabase(root);
        db.placeConffiles(unpacked);
        db.markInstalled(unpacked);
    }

    private void requireKnownSkips(List<UnpackedPackage> unpacked) {
        Set<String> names = unpacked.stream().map(UnpackedPackage::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(skipScriptsOf);
        unknown.removeAll(names);
        if (!unknown.isEmpty()) {
            throw new UserError("--skip-scripts-of names " + String.join(", ", unknown) + ", which the package set "
                    + "does not contain. Name only packages of the set (the build's log lists them).");
        }
    }

    private static UserError refusal(List<UnpackedPackage> refused) {
        String names = refused.stream().map(UnpackedPackage::name).collect(Collectors.joining(","));
        return new UserError("A --no-scripts build runs no maintainer script, but "
                + (refused.size() == 1 ? "this package has one" : "these packages have one")
                + " that dpkg runs at installation, and crossroot cannot tell whether the image works without it: "
                + refused.stream().map(UnscriptedInstall::describe).collect(Collectors.joining("; "))
                + ". Build without --no-scripts to run them under emulation, or, if the image needs none of that "
                + "work, say so with --skip-scripts-of " + names + " (in a recipe: skipScriptsOf: [" + names + "]).");
    }

    /** "passwd (postinst: creates users or groups)". */
    static String describe(UnpackedPackage p) {
        List<String> scripts = installScripts(p);
        Set<String> duties = new java.util.LinkedHashSet<>();
        for (String script : scripts) {
            for (String line : new String(p.controlFiles().get(script), StandardCharsets.UTF_8).split("\n")) {
                String code = line.strip();
                if (code.startsWith("#")) {
                    continue;
                }
                DUTIES.forEach((pattern, duty) -> {
                    if (pattern.matcher(code).find()) {
                        duties.add(duty);
                    }
                });
            }
        }
        return p.name() + " (" + String.join(", ", scripts) + ": "
                + (duties.isEmpty()
                        ? "only checks or commands crossroot does not recognise"
                        : String.join(", ", duties))
                + ")";
    }

    private static List<String> installScripts(UnpackedPackage p) {
        List<String> out = new ArrayList<>();
        for (String s : INSTALL_SCRIPTS) {
            if (p.controlFiles().containsKey(s)) {
                out.add(s);
            }
        }
        return out;
    }
}

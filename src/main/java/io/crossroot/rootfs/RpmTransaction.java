package io.crossroot.rootfs;

import io.crossroot.rpm.RpmVersion;
import io.crossroot.rpm.file.RpmFile;
import io.crossroot.rpm.file.RpmFileEntry;
import io.crossroot.rpm.file.RpmHeader;
import io.crossroot.rpm.file.RpmUnpack;
import io.crossroot.rpm.file.Scriptlet;
import io.crossroot.rpm.file.ScriptletPhase;
import io.crossroot.rpm.file.Trigger;
import io.crossroot.rpm.file.TriggerFamily;
import io.crossroot.rpm.file.UnpackedRpm;
import io.crossroot.util.UserError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Installs an ordered package set into a root in rpm's transaction order: every %pretrans; then per package %pre,
 * its files, %post, the package and file triggers it sets off and those it carries; then every %posttrans and the
 * transaction file triggers. The files are unpacked natively; only scriptlets run inside the root. As with rpm, a
 * failing %pretrans or %pre stops the install (the package could not be set up), while a failing %post, trigger or
 * %posttrans is a warning: the files are in place.
 */
final class RpmTransaction {
    private static final long LESS = 1 << 1;
    private static final long GREATER = 1 << 2;
    private static final long EQUAL = 1 << 3;

    private final RpmUnpack unpack;
    private final RpmScriptlets scriptlets;
    private final RootfsProgress progress;
    private final List<String> warnings = new ArrayList<>();
    private final List<RpmHeader> installed = new ArrayList<>();

    RpmTransaction(RpmUnpack unpack, RpmScriptlets scriptlets, RootfsProgress progress) {
        this.unpack = unpack;
        this.scriptlets = scriptlets;
        this.progress = progress;
    }

    /** Installs {@code order} (requirements first); returns what rpm would have warned about. */
    List<String> run(List<RpmFile> order) {
        for (RpmFile rpm : order) {
            scriptlet(rpm.header(), ScriptletPhase.PRETRANS).ifPresent(s -> critical(rpm.header(), s));
        }
        int done = 0;
        for (RpmFile rpm : order) {
            RpmHeader h = rpm.header();
            scriptlet(h, ScriptletPhase.PREIN).ifPresent(s -> critical(h, s));
            UnpackedRpm result = unpack.unpack(rpm);
            result.warnings().forEach(this::warn);
            installed.add(h);
            progress.unpacked(++done, order.size(), h.name());
            scriptlet(h, ScriptletPhase.POSTIN).ifPresent(s -> tolerated(h, s));
            packageTriggers(h);
            fileTriggers(h);
        }
        for (RpmFile rpm : order) {
            scriptlet(rpm.header(), ScriptletPhase.POSTTRANS).ifPresent(s -> tolerated(rpm.header(), s));
        }
        transactionFileTriggers();
        return List.copyOf(warnings);
    }

    /** %triggerin of the installed packages on {@code h}, then {@code h}'s own on what is installed (itself too). */
    private void packageTriggers(RpmHeader h) {
        for (RpmHeader owner : installed) {
            if (owner == h) {
                continue;
            }
            for (Trigger t : triggers(owner, TriggerFamily.PACKAGE)) {
                if (t.conditions().stream().anyMatch(c -> (c.flags() & Trigger.TRIGGERIN) != 0 && fires(c, h))) {
                    trigger(owner, t, "%triggerin on " + h.name(), List.of());
                }
            }
        }
        for (Trigger t : triggers(h, TriggerFamily.PACKAGE)) {
            for (RpmHeader target : installed) {
                if (t.conditions().stream().anyMatch(c -> (c.flags() & Trigger.TRIGGERIN) != 0 && fires(c, target))) {
                    trigger(h, t, "%triggerin on " + target.name(), List.of());
                }
            }
        }
    }

    /**
     * %filetriggerin of the installed packages that {@code h}'s files set off, then {@code h}'s own over every
     * installed file, highest priority first; each gets the matching paths on its input.
     */
    private void fileTriggers(RpmHeader h) {
        for (RpmHeader owner : installed) {
            if (owner == h) {
                continue;
            }
            for (Trigger t : triggers(owner, TriggerFamily.FILE)) {
                List<String> matching = matching(t, List.of(h));
                if (!matching.isEmpty()) {
                    trigger(owner, t, "%filetriggerin on files of " + h.name(), matching);
                }
            }
        }
        for (Trigger t : triggers(h, TriggerFamily.FILE)) {
            List<String> matching = matching(t, installed);
            if (!matching.isEmpty()) {
                trigger(h, t, "%filetriggerin", matching);
            }
        }
    }

    /** %transfiletriggerin, once each, over every file the transaction installed. */
    private void transactionFileTriggers() {
        for (RpmHeader owner : installed) {
            for (Trigger t : triggers(owner, TriggerFamily.TRANSACTION_FILE)) {
                List<String> matching = matching(t, installed);
                if (!matching.isEmpty()) {
                    trigger(owner, t, "%transfiletriggerin", matching);
                }
            }
        }
    }

    private static List<Trigger> triggers(RpmHeader h, TriggerFamily family) {
        return h.triggers().stream()
                .filter(t -> t.family() == family)
                .sorted(Comparator.comparingLong(Trigger::priority).reversed())
                .toList();
    }

    /** The files of {@code headers} under one of the trigger's install (TRIGGERIN) path prefixes. */
    private static List<String> matching(Trigger t, List<RpmHeader> headers) {
        List<String> prefixes = t.conditions().stream()
                .filter(c -> (c.flags() & Trigger.TRIGGERIN) != 0)
                .map(c -> c.name().endsWith("/") ? c.name() : c.name() + "/")
                .toList();
        List<String> out = new ArrayList<>();
        for (RpmHeader h : headers) {
            for (RpmFileEntry f : h.files()) {
                if (!f.isGhost() && prefixes.stream().anyMatch(p -> f.path().startsWith(p))) {
                    out.add(f.path());
                }
            }
        }
        return out;
    }

    /** Whether the condition names {@code target} and its version range holds (a bare name always does). */
    static boolean fires(Trigger.Condition c, RpmHeader target) {
        if (!c.name().equals(target.name())) {
            return false;
        }
        long sense = c.flags() & (LESS | GREATER | EQUAL);
        if (sense == 0 || c.version().isEmpty()) {
            return true;
        }
        RpmVersion have = RpmVersion.of(
                target.epoch().isPresent() ? Long.toString(target.epoch().getAsLong()) : null,
                target.version(),
                target.release());
        int cmp = have.compareTo(RpmVersion.parse(c.version()));
        return (cmp < 0 && (sense & LESS) != 0)
                || (cmp > 0 && (sense & GREATER) != 0)
                || (cmp == 0 && (sense & EQUAL) != 0);
    }

    private static Optional<Scriptlet> scriptlet(RpmHeader h, ScriptletPhase phase) {
        return h.scriptlets().stream().filter(s -> s.phase() == phase).findFirst();
    }

    private static String label(ScriptletPhase phase) {
        return switch (phase) {
            case PRETRANS -> "%pretrans";
            case PREIN -> "%pre";
            case POSTIN -> "%post";
            case PREUN -> "%preun";
            case POSTUN -> "%postun";
            case POSTTRANS -> "%posttrans";
        };
    }

    /** A scriptlet the package cannot do without: its failure stops the build. */
    private void critical(RpmHeader h, Scriptlet s) {
        String what = label(s.phase()) + " of " + h.nevra();
        RpmScriptlets.Outcome r = scriptlets.run(what, s.interpreter(), s.body(), List.of("1"), List.of());
        if (!r.ok()) {
            throw new UserError("The " + what + " scriptlet failed with status " + r.exitCode()
                    + ", so rpm would not install the package. Its last output:\n  "
                    + String.join("\n  ", r.tail()) + "\nThe package set probably lacks something that "
                    + "scriptlet needs: add it with --include, or report it with the output above.");
        }
    }

    /** A scriptlet after the files are in place: rpm warns when it fails and goes on. */
    private void tolerated(RpmHeader h, Scriptlet s) {
        String what = label(s.phase()) + " of " + h.nevra();
        RpmScriptlets.Outcome r = scriptlets.run(what, s.interpreter(), s.body(), List.of("1"), List.of());
        if (!r.ok()) {
            warn(what + " failed with status " + r.exitCode());
        }
    }

    private void trigger(RpmHeader owner, Trigger t, String kind, List<String> input) {
        String what = kind + " of " + owner.nevra();
        // the instance counts rpm passes: the trigger's package, then the package that set it off
        RpmScriptlets.Outcome r = scriptlets.run(what, t.interpreter(), t.body(), List.of("1", "1"), input);
        if (!r.ok()) {
            warn(what + " failed with status " + r.exitCode());
        }
    }

    private void warn(String warning) {
        warnings.add(warning);
        progress.output("warning: " + warning);
    }
}

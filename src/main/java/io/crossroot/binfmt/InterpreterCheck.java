package io.crossroot.binfmt;

import io.crossroot.binfmt.BinfmtIssue.Kind;
import io.crossroot.binfmt.BinfmtIssue.Severity;
import io.crossroot.elf.ElfFile;
import io.crossroot.util.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks whether an entry's interpreter will actually start, on the host and inside chroots and containers.
 *
 * <p>What the kernel does: with the F flag it opens the interpreter once, at registration, and later execs use that
 * open file; without F it opens the interpreter path at every exec, relative to the root of the program being run
 * (so inside a chroot the path must exist in the chroot). Either way, if the interpreter is itself dynamically
 * linked, the kernel then opens the interpreter's own loader (PT_INTERP) by path in the program's root, which a
 * foreign-architecture chroot does not have: only a static interpreter works there.
 */
final class InterpreterCheck {
    private InterpreterCheck() {}

    /**
     * @param hostRoot the host's root directory ("/" normally); the interpreter path is looked up under it. Symbolic
     *                 links are followed as the host sees them, so an absolute link under another root may point out
     *                 of it.
     */
    static List<BinfmtIssue> check(BinfmtEntry entry, Path hostRoot) {
        List<BinfmtIssue> issues = new ArrayList<>();
        Path file = hostRoot.resolve(entry.interpreter().replaceFirst("^/+", ""));
        boolean pinned = entry.hasFlag('F');
        if (!Files.isRegularFile(file)) {
            issues.add(
                    pinned
                            ? new BinfmtIssue(
                                    entry.name(),
                                    Severity.WARNING,
                                    Kind.INTERPRETER_MISSING_BUT_OPEN,
                                    "The interpreter " + entry.interpreter() + " of binfmt_misc entry '" + entry.name()
                                            + "' no longer exists. The entry has the F flag, so the kernel still holds the file "
                                            + "it opened at registration and programs keep working, but re-registering the "
                                            + "entry (for example at the next boot) will fail. Reinstall the interpreter.")
                            : new BinfmtIssue(
                                    entry.name(),
                                    Severity.ERROR,
                                    Kind.INTERPRETER_MISSING,
                                    "The interpreter " + entry.interpreter() + " of binfmt_misc entry '" + entry.name()
                                            + "' does not exist, so every program this entry matches fails with \"No such file "
                                            + "or directory\". Reinstall the interpreter or remove the entry."));
            return issues;
        }
        Optional<String> loader = dynamicLoaderOf(file);
        if (loader.isPresent()) {
            issues.add(new BinfmtIssue(
                    entry.name(),
                    Severity.WARNING,
                    Kind.DYNAMIC_INTERPRETER,
                    "The interpreter " + entry.interpreter() + " of binfmt_misc entry '" + entry.name()
                            + "' is dynamically linked (it needs " + loader.get() + "). "
                            + (pinned ? "The F flag keeps the interpreter itself open, but " : "")
                            + "the kernel looks up its loader and libraries inside the root of the program being run, "
                            + "so foreign programs fail inside chroots and containers. Use a statically linked qemu "
                            + "(such as Debian's qemu-user-static) with the F flag."));
        } else if (!pinned) {
            issues.add(new BinfmtIssue(
                    entry.name(),
                    Severity.INFO,
                    Kind.INTERPRETER_NOT_OPEN,
                    "binfmt_misc entry '" + entry.name() + "' has no F flag: the kernel opens " + entry.interpreter()
                            + " by path at every start, inside the root of the program being run, so inside a "
                            + "chroot or container that path must exist too. Register it with the F flag to avoid "
                            + "this."));
        }
        return issues;
    }

    /** The PT_INTERP of an ELF interpreter; empty when static, or when not ELF (a script wrapper, say). */
    private static Optional<String> dynamicLoaderOf(Path file) {
        try {
            return ElfFile.read(file).interpreter();
        } catch (UserError notReadableElf) {
            return Optional.empty();
        }
    }
}

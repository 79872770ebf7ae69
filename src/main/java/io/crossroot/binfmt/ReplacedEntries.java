package io.crossroot.binfmt;

import io.crossroot.arch.BinfmtPattern;
import io.crossroot.util.AtomicOutput;
import io.crossroot.util.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The other packages' binfmt_misc entries that {@code install --force} replaced, whole (name, offset, magic, mask,
 * interpreter, flags, enabled), so {@code uninstall} can register them again. Kept outside crossroot's cache: a
 * cache clean must not lose another package's entry.
 */
public final class ReplacedEntries {
    public static final Path DEFAULT_FILE = Path.of("/var/lib/crossroot/binfmt-replaced-entries");

    private final Path stateFile;

    /** @param stateFile text file, one tab-separated line per entry */
    public ReplacedEntries(Path stateFile) {
        this.stateFile = stateFile;
    }

    public static ReplacedEntries system() {
        return new ReplacedEntries(DEFAULT_FILE);
    }

    /** Remembers {@code entry} unless an entry of that name is remembered already (the first one is the original). */
    public void remember(BinfmtEntry entry) {
        if (entry.pattern() == null) {
            throw new UserError("binfmt_misc entry '" + entry.name() + "' matches by file extension, which crossroot "
                    + "cannot restore later; remove it yourself if crossroot should replace it.");
        }
        List<BinfmtEntry> entries = new ArrayList<>(list());
        if (entries.stream().noneMatch(e -> e.name().equals(entry.name()))) {
            entries.add(entry);
            save(entries);
        }
    }

    public List<BinfmtEntry> list() {
        if (!Files.isRegularFile(stateFile)) {
            return List.of();
        }
        List<BinfmtEntry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length != 7) {
                    throw new UserError(stateFile + " holds a line crossroot did not write: \"" + line + "\". Fix or "
                            + "delete the file; it lists the binfmt_misc entries crossroot replaced.");
                }
                out.add(new BinfmtEntry(
                        f[0],
                        Boolean.parseBoolean(f[6]),
                        f[4],
                        f[5],
                        Integer.parseInt(f[1]),
                        BinfmtPattern.ofHex(f[2], f[3]),
                        null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    stateFile + " is damaged (" + e.getMessage() + "). Fix or delete the file; it lists "
                            + "the binfmt_misc entries crossroot replaced.",
                    e);
        }
        return out;
    }

    public void forget(String name) {
        List<BinfmtEntry> entries = new ArrayList<>(list());
        if (entries.removeIf(e -> e.name().equals(name))) {
            save(entries);
        }
    }

    private void save(List<BinfmtEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (BinfmtEntry e : entries) {
            sb.append(String.join(
                            "\t",
                            e.name(),
                            String.valueOf(e.offset()),
                            e.pattern().magicHex(),
                            e.pattern().maskHex(),
                            e.interpreter(),
                            e.flags(),
                            String.valueOf(e.enabled())))
                    .append('\n');
        }
        try {
            AtomicOutput.write(stateFile, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(
                    "Could not write " + stateFile + " (" + e.getMessage() + "), where crossroot remembers "
                            + "the binfmt_misc entries it replaces. Writing it needs root.",
                    e);
        }
    }
}

package io.crossroot.binfmt;

import io.crossroot.util.AtomicOutput;
import io.crossroot.util.Dirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which binfmt_misc entries crossroot registered, so uninstalling removes those and never a distribution's. An
 * entry counts as crossroot's when this record lists it with the same interpreter (someone may have replaced it
 * since), or when its interpreter lies under one of crossroot's own directories (the record, kept in the cache, may
 * have been lost).
 */
public final class InstalledEntries {
    private final Path stateFile;
    private final List<Path> ownDirs;

    /**
     * @param stateFile text file, one "NAME TAB INTERPRETER" line per entry
     * @param ownDirs   directories whose interpreters are crossroot's (its cache, where it keeps qemu, and where
     *                  --persist copies them)
     */
    public InstalledEntries(Path stateFile, Path... ownDirs) {
        this.stateFile = stateFile;
        this.ownDirs =
                Arrays.stream(ownDirs).map(d -> d.toAbsolutePath().normalize()).toList();
    }

    public static InstalledEntries defaults() {
        return new InstalledEntries(
                Dirs.cache().resolve("binfmt").resolve("installed-entries"),
                Dirs.cache(),
                PersistentInterpreters.DEFAULT_DIR);
    }

    public boolean owns(BinfmtEntry entry) {
        String recorded = read().get(entry.name());
        Path interpreter = Path.of(entry.interpreter()).toAbsolutePath().normalize();
        return entry.interpreter().equals(recorded) || ownDirs.stream().anyMatch(interpreter::startsWith);
    }

    /** name -> interpreter, sorted by name. */
    public Map<String, String> read() {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isRegularFile(stateFile)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    out.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public void add(String name, String interpreter) {
        Map<String, String> m = read();
        m.put(name, interpreter);
        save(m);
    }

    public void remove(String name) {
        Map<String, String> m = read();
        if (m.remove(name) != null) {
            save(m);
        }
    }

    private void save(Map<String, String> entries) {
        StringBuilder sb = new StringBuilder();
        entries.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        try {
            AtomicOutput.write(stateFile, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

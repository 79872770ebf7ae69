package io.crossroot.util;

import java.nio.file.Path;

/** Where crossroot keeps its cache and configuration. */
public final class Dirs {
    private Dirs() {}

    /** $CROSSROOT_CACHE, else $XDG_CACHE_HOME/crossroot, else ~/.cache/crossroot. */
    public static Path cache() {
        String explicit = System.getenv("CROSSROOT_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "crossroot");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "crossroot");
    }

    /** $CROSSROOT_CONFIG, else $XDG_CONFIG_HOME/crossroot/config.yaml, else ~/.config/crossroot/config.yaml. */
    public static Path configFile() {
        String explicit = System.getenv("CROSSROOT_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("crossroot").resolve("config.yaml");
    }
}

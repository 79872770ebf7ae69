package io.crossroot.toolbox;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.util.Dirs;
import java.util.List;

/** The real toolbox from the host's mirror (trixie), built once per test JVM and cached across runs. */
public final class TestToolbox {
    private static Toolbox toolbox;
    private static Toolbox forImages;

    private TestToolbox() {}

    public static DebianRepository repository(String suite) {
        return DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite(suite)
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .build());
    }

    public static synchronized Toolbox get() {
        if (toolbox == null) {
            toolbox = new ToolboxInstaller(
                            repository("trixie"), Dirs.cache(), io.crossroot.debian.DownloadListener.NONE)
                    .install();
        }
        return toolbox;
    }

    /** The small toolbox that writing an image from a tree needs (getfattr). */
    public static synchronized Toolbox forImages() {
        if (forImages == null) {
            forImages = new ToolboxInstaller(
                            repository("trixie"), Dirs.cache(), io.crossroot.debian.DownloadListener.NONE)
                    .install(ToolboxPackages.IMAGE, java.util.Map.of(), false);
        }
        return forImages;
    }
}

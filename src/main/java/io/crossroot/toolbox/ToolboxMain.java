package io.crossroot.toolbox;

import io.crossroot.debian.DebianRepository;
import io.crossroot.debian.DownloadListener;
import io.crossroot.debian.Keyring;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.RepositoryConfig;
import io.crossroot.util.Dirs;
import java.util.Arrays;
import java.util.List;

/** Runs one toolbox program with inherited stdio, for scripts (bench/disk): java -cp crossroot.jar ... TOOL ARGS. */
public final class ToolboxMain {
    private ToolboxMain() {}

    public static void main(String[] args) throws Exception {
        DebianRepository repo = DebianRepository.open(RepositoryConfig.builder()
                .mirror(MirrorLocator.hostDefault())
                .suite("trixie")
                .keyrings(List.of(Keyring.DEBIAN_ARCHIVE))
                .build());
        Toolbox tb = new ToolboxInstaller(repo, Dirs.cache(), DownloadListener.NONE).install();
        Process p = io.crossroot.util.HostProcess.start(
                tb.processBuilder(args[0], Arrays.asList(args).subList(1, args.length), java.util.Map.of())
                        .inheritIO());
        System.exit(p.waitFor());
    }
}

package io.crossroot.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.arch.ArchCatalog;
import io.crossroot.oci.BuildOptions;
import io.crossroot.oci.ImageConfig;
import io.crossroot.oci.ImageReference;
import io.crossroot.testing.StandInEngine;
import io.crossroot.toolbox.TestToolbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of a streamed load's requests, against a stand-in engine (the real one: DockerInteropTest). */
class ImageLoaderTest {
    @TempDir
    Path tmp;

    private Path tree() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("hostname"), "test\n");
        return tree.getParent();
    }

    @Test
    void theConfigLoadNamesTheImportedLayerAndThePlaceholderIsRemoved() throws Exception {
        try (StandInEngine engine = StandInEngine.start(tmp.resolve("engine.sock"))) {
            LoadedImage loaded = new ImageLoader(new DockerClient(engine.socket()))
                    .loadTrees(
                            Map.of(ArchCatalog.require("riscv64"), tree()),
                            TestToolbox.forImages(),
                            ImageConfig.defaults(),
                            BuildOptions.defaults(),
                            ImageReference.parse("loader-test:1"));
            assertThat(loaded.names()).containsExactly("loader-test:1");
            List<String> loads = engine.requests("POST /images/load");
            assertThat(loads).hasSize(1);
            assertThat(StandInEngine.endedCleanly(loads.get(0))).isTrue();
            // the config names the layer by the diff id the engine reported for the import
            assertThat(loads.get(0)).contains("\"diff_ids\":[\"sha256:" + "0".repeat(64) + "\"]");
            assertThat(engine.requests("DELETE /images/sha256%3A" + "0".repeat(64)))
                    .hasSize(1);
        }
    }

    @Test
    void aFailedImportCutsTheWaitingConfigLoadOff() throws Exception {
        try (StandInEngine engine = StandInEngine.start(tmp.resolve("engine.sock"))) {
            engine.refuse("POST /images/create", "no space left on device");
            assertThatThrownBy(() -> new ImageLoader(new DockerClient(engine.socket()))
                            .loadTrees(
                                    Map.of(ArchCatalog.require("riscv64"), tree()),
                                    TestToolbox.forImages(),
                                    ImageConfig.defaults(),
                                    BuildOptions.defaults(),
                                    ImageReference.parse("loader-test:1")))
                    .isInstanceOf(EngineError.class)
                    .hasMessageContaining("no space left on device");
            // the load went out before the import ended; it must end cut off, never as a whole archive
            List<String> loads = engine.awaitRequests("POST /images/load", Duration.ofSeconds(5));
            assertThat(loads).hasSize(1);
            assertThat(StandInEngine.endedCleanly(loads.get(0))).isFalse();
            assertThat(loads.get(0)).contains("riscv64/").doesNotContain("manifest.json");
        }
    }
}

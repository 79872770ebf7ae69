package io.crossroot.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crossroot.docker.http.EngineSocket;
import io.crossroot.util.UserError;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures a user meets before any engine or mirror is involved. */
class ImageCliBadInputTest {
    @TempDir
    Path tmp;

    @Test
    void noEngineSaysHowToStartOne() {
        DockerClient absent = new DockerClient(new EngineSocket(tmp.resolve("nothing.sock")));
        assertThatThrownBy(absent::ping)
                .isInstanceOf(UserError.class)
                .hasMessageContaining("No container engine answers on " + tmp.resolve("nothing.sock"))
                .hasMessageContaining("systemctl start docker")
                .hasMessageContaining("dockerd");
    }

    @Test
    void multiplexedLogsAreSplitIntoStdoutAndStderr() throws Exception {
        byte[] frames = {1, 0, 0, 0, 0, 0, 0, 3, 'o', 'u', 't', 2, 0, 0, 0, 0, 0, 0, 2, 'e', 'r'};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StreamFrames.demultiplex(new ByteArrayInputStream(frames), out, err);
        assertThat(out.toString()).isEqualTo("out");
        assertThat(err.toString()).isEqualTo("er");
    }
}

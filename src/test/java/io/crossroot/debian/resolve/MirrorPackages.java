package io.crossroot.debian.resolve;

import io.crossroot.debian.Deb822;
import io.crossroot.debian.MirrorLocator;
import io.crossroot.debian.Paragraph;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tukaani.xz.XZInputStream;

/**
 * Test helper: downloads one Packages.xz from the host's mirror, unverified. Only for tests; the real, signature
 * checking client is io.crossroot.debian.DebianRepository.
 */
final class MirrorPackages {
    private MirrorPackages() {}

    static List<Paragraph> fetch(String suite, String component, String arch) throws IOException, InterruptedException {
        URI uri = MirrorLocator.hostDefault()
                .resolve("dists/" + suite + "/" + component + "/binary-" + arch + "/Packages.xz");
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + uri);
        }
        List<Paragraph> out = new ArrayList<>();
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(response.body()))) {
            Deb822.of(in, uri.toString()).forEachParagraph(out::add);
        }
        return out;
    }
}

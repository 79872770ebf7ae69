package io.crossroot.sbom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.spdx.library.SpdxModelFactory;
import org.spdx.tools.SpdxToolsHelper;
import org.spdx.tools.Verify;

/** The formats' own validators: SPDX's tools-java Verify and cyclonedx-core-java's schema validation. */
public final class SbomValidators {
    static {
        // the SPDX license list inside the tools' jar, not a download from spdx.org
        System.setProperty("SPDXParser.OnlyUseLocalLicenses", "true");
        System.setProperty("org.spdx.useJARLicenseInfoOnly", "true");
        SpdxModelFactory.init(); // registers the SPDX 2.x and 3 models, as the tools' own main does first
    }

    private SbomValidators() {}

    /** What SPDX's verifier finds wrong with {@code document} (warnings included); empty when valid. */
    public static List<String> spdxProblems(byte[] document, Path tmp) throws Exception {
        Path file = Files.createTempFile(tmp, "sbom-", ".spdx.json");
        Files.write(file, document);
        return Verify.verify(file.toString(), SpdxToolsHelper.SerFileType.JSON);
    }

    /** What validation against the CycloneDX 1.6 JSON schema finds; empty when valid. */
    public static List<String> cycloneDxProblems(byte[] document) throws IOException {
        return new JsonParser()
                .validate(document, Version.VERSION_16).stream()
                        .map(ParseException::getMessage)
                        .toList();
    }
}

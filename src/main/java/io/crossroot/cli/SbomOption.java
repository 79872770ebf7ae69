package io.crossroot.cli;

import io.crossroot.sbom.SbomFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The one {@code --sbom} option of every command that builds an artifact: which software inventory documents
 * it carries and writes beside its output (SPDX always; CycloneDX too when chosen).
 */
final class SbomOption {
    @Option(
            names = "--sbom",
            defaultValue = "spdx",
            converter = FormatConverter.class,
            paramLabel = "spdx|cyclonedx",
            description = "Software inventory format: spdx writes NAME.spdx.json beside the output and "
                    + "/usr/share/doc/crossroot/sbom.spdx.json in the root; cyclonedx adds .cdx.json copies "
                    + "(default: ${DEFAULT-VALUE}).")
    SbomFormat format;

    static final class FormatConverter implements ITypeConverter<SbomFormat> {
        @Override
        public SbomFormat convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "spdx" -> SbomFormat.SPDX;
                case "cyclonedx", "cdx" -> SbomFormat.CYCLONEDX;
                default ->
                    throw new TypeConversionException(
                            "'" + value + "' is not an SBOM format; choose spdx or cyclonedx.");
            };
        }
    }
}

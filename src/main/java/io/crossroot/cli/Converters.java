package io.crossroot.cli;

import io.crossroot.debian.PackageNames;
import io.crossroot.util.UserError;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked while the command line is parsed, so a bad one is a usage error (exit 2). */
final class Converters {
    private Converters() {}

    /** A Debian suite or codename, never a path under the mirror. */
    static final class Suite implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return PackageNames.suite(value, "The option");
            } catch (UserError e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A count of at least one (parallel jobs). */
    static final class PositiveCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (n < 1) {
                throw new TypeConversionException("it must be at least 1, not " + n);
            }
            return n;
        }
    }

    /** A mirror URL, a malformed one refused without the parser's exception name (the scheme is the mirror's check). */
    static final class MirrorUrl implements ITypeConverter<java.net.URI> {
        @Override
        public java.net.URI convert(String value) {
            try {
                return new java.net.URI(value);
            } catch (java.net.URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not a URL (" + e.getReason() + " at character "
                        + (e.getIndex() + 1) + "); give e.g. http://mirror.example/debian/ or file:///srv/mirror/");
            }
        }
    }
}

package io.crossroot.util;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * A decompressing stream whose failures (an IOException or a decoder's RuntimeException on damaged input) become the
 * archive reader's own clear error, even while a caller's handler is the one reading.
 */
public final class DecoderFailures extends FilterInputStream {
    private final Function<Exception, RuntimeException> asError;

    /** {@code asError} turns a failure into the error to throw; a {@link UserError} passes through unchanged. */
    public DecoderFailures(InputStream in, Function<Exception, RuntimeException> asError) {
        super(in);
        this.asError = asError;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | RuntimeException e) {
            throw translated(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw translated(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException | RuntimeException e) {
            throw translated(e);
        }
    }

    private RuntimeException translated(Exception e) {
        return e instanceof UserError u ? u : asError.apply(e);
    }
}

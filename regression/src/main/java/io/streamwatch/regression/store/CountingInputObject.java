package io.streamwatch.regression.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** An object whose reads add the bytes they deliver to a counter: what a command fetched, for its report. */
public record CountingInputObject(InputObject object, AtomicLong fetched) implements InputObject {

    @Override
    public String name() {
        return object.name();
    }

    @Override
    public String fileName() {
        return object.fileName();
    }

    @Override
    public long size() {
        return object.size();
    }

    @Override
    public InputStream open(long start, long end) {
        return new FilterInputStream(object.open(start, end)) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    fetched.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] bytes, int off, int len) throws IOException {
                int n = super.read(bytes, off, len);
                if (n > 0) {
                    fetched.addAndGet(n);
                }
                return n;
            }
        };
    }

    @Override
    public void readFully(long position, byte[] into, int offset, int length) {
        object.readFully(position, into, offset, length);
        fetched.addAndGet(length);
    }
}

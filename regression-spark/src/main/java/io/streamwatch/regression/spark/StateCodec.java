package io.streamwatch.regression.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A pass's state (a sink of the engine: factor, residual sums, counts; O(p²), never rows) to bytes and back,
 * by Java serialization, so that Spark ships it to an executor empty and brings it back filled, whatever
 * serializer the session is configured with. The engine's state holds {@link Optional} and
 * {@link OptionalDouble}, which are not {@link Serializable}: they travel as small stand-ins.
 *
 * <p>Stateless and thread-safe.
 */
final class StateCodec {

    private StateCodec() {
    }

    /** @throws IllegalStateException when some part of the state cannot be serialized (a bug, not a data error) */
    static byte[] encode(Object state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        try (Out out = new Out(bytes)) {
            out.writeObject(state);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the pass state " + state.getClass().getName()
                    + " to ship it to Spark executors: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalStateException when the bytes are not a state this codec wrote with these classes */
    @SuppressWarnings("unchecked")
    static <T> T decode(byte[] bytes) {
        try (In in = new In(new ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read a pass state back from Spark (are the driver and the "
                    + "executors running the same streamwatch-regression-spark jar?): " + e, e);
        }
    }

    private record OptionalValue(Serializable value) implements Serializable {
    }

    private record OptionalNumber(boolean present, double value) implements Serializable {
    }

    private static final class Out extends ObjectOutputStream {
        Out(OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof Optional<?> o) {
                return new OptionalValue((Serializable) o.orElse(null));
            }
            if (obj instanceof OptionalDouble o) {
                return new OptionalNumber(o.isPresent(), o.orElse(Double.NaN));
            }
            return obj;
        }
    }

    private static final class In extends ObjectInputStream {
        In(InputStream in) throws IOException {
            super(in);
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            if (obj instanceof OptionalValue o) {
                return Optional.ofNullable(o.value());
            }
            if (obj instanceof OptionalNumber o) {
                return o.present() ? OptionalDouble.of(o.value()) : OptionalDouble.empty();
            }
            return obj;
        }

        /** The task's class loader: on an executor, the one that holds the application's jar. */
        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // Not the task's: primitives' and the JDK's classes resolve the default way.
                }
            }
            return super.resolveClass(desc);
        }
    }
}

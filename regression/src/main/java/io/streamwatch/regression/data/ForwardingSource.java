package io.streamwatch.regression.data;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A source that hands every call to another: the base of the sources that change one thing about theirs
 * (its name, where later scans read from). Thread-safety is the wrapped source's.
 */
public abstract class ForwardingSource implements RowSource {

    /** The wrapped source. */
    protected final RowSource source;

    protected ForwardingSource(RowSource source) {
        this.source = source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Schema columns() {
        return source.columns();
    }

    @Override
    public Optional<String> firstNonNumber(int slot) {
        return source.firstNonNumber(slot);
    }

    @Override
    public boolean sequential() {
        return source.sequential();
    }

    @Override
    public boolean cheapToReadAgain() {
        return source.cheapToReadAgain();
    }

    @Override
    public <S extends Sink> List<S> scan(Supplier<S> sinks) {
        return source.scan(sinks);
    }

    @Override
    public <S extends Sink> void scanInOrder(Supplier<S> sinks, Consumer<S> inOrder) {
        source.scanInOrder(sinks, inOrder);
    }
}

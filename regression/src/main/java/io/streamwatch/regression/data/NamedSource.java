package io.streamwatch.regression.data;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A source under the name the user gave its input (an {@code s3://} URI read from a local copy). */
record NamedSource(RowSource source, String name) implements RowSource {

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

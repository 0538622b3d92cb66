package io.streamwatch.regression.data;

/** A source under the name the user gave its input (an {@code s3://} URI read from a local copy). */
final class NamedSource extends ForwardingSource {

    private final String name;

    NamedSource(RowSource source, String name) {
        super(source);
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }
}

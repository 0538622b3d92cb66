package io.streamwatch.regression.data;

/**
 * A {@link RowSource.Sink} whose state takes in the state of the part right after it, so that a source may
 * merge its parts' sinks itself, in input order, before handing them over — up a tree, across machines,
 * holding a few states at a time. Merging adjacent parts this way and then the results in order gives what
 * merging every part in order gives (the states are sums, factors and first-seen values, merged
 * associatively).
 *
 * @param <S> the sink's own type
 */
public interface MergeableSink<S extends MergeableSink<S>> extends RowSource.Sink {

    /** Takes in {@code next}, the state of the part right after this one; {@code next} is not used again. */
    void mergeNext(S next);
}

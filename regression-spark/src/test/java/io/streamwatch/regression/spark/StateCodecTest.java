package io.streamwatch.regression.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Pass states travel to executors and back as bytes, Optional and OptionalDouble included. */
class StateCodecTest {

    record State(Optional<String> name, OptionalDouble mean, Optional<List<Double>> values, double[] sums)
            implements Serializable {
    }

    @Test
    void optionalsPresentAndEmptyComeBackAsTheyWere() {
        State state = new State(Optional.of("x1"), OptionalDouble.of(2.5), Optional.empty(), new double[] {1, 2});
        State back = StateCodec.decode(StateCodec.encode(state));
        assertThat(back.name()).contains("x1");
        assertThat(back.mean()).hasValue(2.5);
        assertThat(back.values()).isEmpty();
        assertThat(back.sums()).containsExactly(1, 2);

        State empty = StateCodec.decode(StateCodec.encode(new State(Optional.empty(), OptionalDouble.empty(),
                Optional.of(List.of(1.0)), new double[0])));
        assertThat(empty.mean()).isEmpty();
        assertThat(empty.values()).contains(List.of(1.0));
    }

    @Test
    void aStateThatCannotTravelSaysWhich() {
        Object notSerializable = new Object();
        assertThatThrownBy(() -> StateCodec.encode(List.of(notSerializable)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot serialize the pass state");
    }
}

package io.streamwatch.regression.design;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LevelOrderTest {

    @Test
    void numericLevelsSortByValueThenTextWithAnythingElseAfterEveryNumber() {
        List<String> levels = List.of("10", "unknown", "2.5", "-1", "2", "1e1", "abc", "2.0");
        assertThat(levels.stream().sorted(LevelOrder.NUMERIC.comparator()).toList())
                .containsExactly("-1", "2", "2.0", "2.5", "10", "1e1", "abc", "unknown");
        assertThat(levels.stream().sorted(LevelOrder.TEXT.comparator()).toList())
                .containsExactly("-1", "10", "1e1", "2", "2.0", "2.5", "abc", "unknown");
    }

    @Test
    void aCategoricalFindsItsLevelsAndRefusesUnseenOnesInItsOwnOrder() {
        FeatureEncoding.Categorical c = new FeatureEncoding.Categorical("x", List.of("1", "2", "10"), Optional.empty(),
                LevelOrder.NUMERIC);
        assertThat(c.indexOf("10")).isEqualTo(2);
        assertThat(c.indexOf("3")).isEqualTo(-1);
        assertThat(c.indexOf("n/a")).isEqualTo(-1);
        assertThat(c.columnNames()).containsExactly("x=2", "x=10");
    }
}

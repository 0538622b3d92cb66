package io.streamwatch.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeParserTest {

    private static final long HEAP = 768L << 20;

    @Test
    void sizesAsTheJvmWritesThemAndSharesOfTheHeap() {
        assertThat(ByteSizeParser.budget("--memory-budget", "300m", HEAP)).contains(300L << 20);
        assertThat(ByteSizeParser.budget("--memory-budget", "1G", HEAP)).contains(1L << 30);
        assertThat(ByteSizeParser.budget("--memory-budget", "65536", HEAP)).contains(65536L);
        assertThat(ByteSizeParser.budget("--memory-budget", "50%", HEAP)).contains(384L << 20);
        assertThat(ByteSizeParser.budget("--memory-budget", "default", HEAP)).isEmpty();
    }

    @Test
    void anythingElseNamesTheSetting() {
        assertThatThrownBy(() -> ByteSizeParser.budget("--memory-budget / MEMORY_BUDGET", "lots", HEAP))
                .isInstanceOf(SettingsException.class)
                .hasMessage("--memory-budget / MEMORY_BUDGET: a size such as 300m or 1g, or a share of the max heap "
                        + "such as 40%, got 'lots'");
        assertThatThrownBy(() -> ByteSizeParser.budget("x", "0%", HEAP)).isInstanceOf(SettingsException.class);
    }
}

package io.streamwatch.consumer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DurationParserTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "20s,20000", "2m,120000", "1h,3600000", "30d,2592000000", "PT20S,20000", "pt1.5s,1500", "' 20 s ',20000"})
    void parsesShortAndIsoForms(String text, long millis) {
        assertThat(DurationParser.parse("--window", text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void namesTheSettingWhenTheValueIsNotADuration() {
        assertThatThrownBy(() -> DurationParser.parse("--grace / WINDOW_GRACE", "soon"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("--grace / WINDOW_GRACE: 'soon' is not a duration; write e.g. 500ms, 20s, 5m or PT20S");
    }
}

package io.streamwatch.consumer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamwatch.consumer.decode.SensorReading;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnomalyRuleTest {

    @ParameterizedTest(name = "temperature {0} with threshold {1} is an anomaly: {2}")
    @CsvSource({"100,100,false", "101,100,true", "99,100,false", "-5,-10,true", "550,100,true", "0,0,false"})
    void anomaliesAreStrictlyAboveTheThreshold(int temperature, int threshold, boolean anomaly) {
        assertThat(new AnomalyRule(threshold).isAnomaly(new SensorReading("A", temperature, "OK"))).isEqualTo(anomaly);
    }
}

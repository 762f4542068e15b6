package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An epoch record's metrics are an immutable map in measured order, equal to any map with the same entries. */
class EpochMetricsTest {

    private static Map<String, Double> measured() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("val_accuracy", 0.5);
        map.put("loss", 0.25);
        map.put("accuracy", 0.75);
        map.put("val_loss", Double.NaN);
        return map;
    }

    @Test
    void keepsTheMeasuredOrderAndEqualsAnyMapWithTheSameEntries() {
        EpochRecord record = new EpochRecord(3, 0.1, measured());
        assertThat(new ArrayList<>(record.metrics().keySet()))
                .containsExactly("val_accuracy", "loss", "accuracy", "val_loss");
        assertThat(new ArrayList<>(record.metrics().values())).containsExactly(0.5, 0.25, 0.75, Double.NaN);
        assertThat(record.metrics()).isEqualTo(measured());
        assertThat(record.metrics().hashCode()).isEqualTo(measured().hashCode());
        assertThat(record).isEqualTo(new EpochRecord(3, 0.1, measured()));
        assertThat(record.metrics().get("loss")).isEqualTo(0.25);
        assertThat(record.metrics().get("lr")).isNull();
        assertThat(record.metrics().containsKey("val_loss")).isTrue();
        assertThat(record.get("accuracy")).isEqualTo(0.75);
        assertThat(record.get("lr")).as("not measured").isNaN();
    }

    @Test
    void cannotBeChangedNorChangeWithTheMapItWasMadeFrom() {
        Map<String, Double> source = measured();
        EpochRecord record = new EpochRecord(1, 0.1, source);
        source.put("loss", 9.0);
        assertThat(record.get("loss")).isEqualTo(0.25);
        assertThatThrownBy(() -> record.metrics().put("loss", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> record.metrics().remove("loss")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> record.metrics().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> record.metrics().entrySet().iterator().next().setValue(2.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sharesNoValuesWithTheArraysItWasMadeFrom() {
        double[] values = {0.5, 0.75};
        EpochMetrics metrics = EpochMetrics.of(new String[] {"loss", "accuracy"}, values);
        values[0] = 9.0;
        assertThat(metrics.valueOf("loss")).isEqualTo(0.5);
        assertThat(metrics.allFinite()).isTrue();
        assertThat(EpochMetrics.of(new String[] {"loss"}, new double[] {Double.POSITIVE_INFINITY}).allFinite())
                .isFalse();
        assertThat(EpochMetrics.copyOf(metrics)).isSameAs(metrics);
        assertThat(List.copyOf(metrics.keySet())).containsExactly("loss", "accuracy");
    }
}

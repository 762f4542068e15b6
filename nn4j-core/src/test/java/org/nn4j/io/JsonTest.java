package org.nn4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsWhatItWrites() {
        Map<String, Object> value = Map.of("a", List.of(1L, 2.5, "x\"y\n"), "b", true);
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
        Map<?, ?> parsed = (Map<?, ?>) Json.parse("{\"n\": -1.5e-3, \"u\": \"\\u00e9\", \"z\": null}");
        assertThat(parsed.get("n")).isEqualTo(-1.5e-3);
        assertThat(parsed.get("u")).isEqualTo("é");
        assertThat(parsed.containsKey("z")).isTrue();
        assertThat(parsed.get("z")).isNull();
        assertThat((double) Json.parse("0.1000000000000000055511151231257827")).isEqualTo(0.1);
    }

    @Test
    void refusesMalformedTextWithThePosition() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).hasMessageContaining("at character 7");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("ends too early");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> Json.parse("[".repeat(1000))).hasMessageContaining("nested deeper");
    }
}

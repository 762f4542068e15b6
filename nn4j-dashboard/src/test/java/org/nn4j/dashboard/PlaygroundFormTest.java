package org.nn4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaygroundFormTest {

    private static String refusal(String body) {
        try {
            PlaygroundForm.parse(body);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + body);
    }

    @Test
    void aWrongFieldIsNamedWithWhatWasExpectedAndWhatWasGiven() {
        assertThat(refusal("{\"lr\":\"abc\"}")).isEqualTo("lr should be a number above 0, such as 0.01; got 'abc'");
        assertThat(refusal("{\"layers\":\"abc\"}")).isEqualTo(
                "layers should be up to 4 hidden layer sizes from 1 to 64, separated by commas, such as 16,16; "
                + "got 'abc'");
        assertThat(refusal("{\"layers\":\"16,,8\"}")).startsWith("layers should be ").endsWith("got '16,,8'");
        assertThat(refusal("{\"noise\":\"-1\"}")).isEqualTo("noise should be a number from 0 to 5; got '-1'");
        assertThat(refusal("{\"epochs\":\"1.5\"}"))
                .isEqualTo("epochs should be a whole number from 1 to 10000; got '1.5'");
        assertThat(refusal("{\"epochs\":\"0\"}")).isEqualTo("epochs should be a whole number from 1 to 10000; got '0'");
        assertThat(refusal("{\"dataset\":\"moon\"}"))
                .isEqualTo("dataset should be one of moons, circles, spirals, blobs, xor; got 'moon'");
        assertThat(refusal("{\"activation\":\"gelu\"}"))
                .isEqualTo("activation should be one of relu, tanh, leaky_relu, sigmoid; got 'gelu'");
        assertThat(refusal("{\"optimizer\":\"adamm\"}")).startsWith("optimizer should be one of sgd, ")
                .endsWith("; got 'adamm'");
        assertThat(refusal("{\"lr\":\"0\"}")).endsWith("got '0'");
        assertThat(refusal("{\"lr\":\"NaN\"}")).endsWith("got 'NaN'");
    }

    @Test
    void theFormCannotAskForMoreThanAFewMinutesOfWork() {
        assertThat(refusal("{\"layers\":\"65\"}"))
                .startsWith("layers should be up to 4 hidden layer sizes from 1 to 64");
        assertThat(refusal("{\"layers\":\"8,8,8,8,8\"}")).startsWith("layers should be up to 4 ");
        assertThat(refusal("{\"epochs\":\"10001\"}")).startsWith("epochs should be a whole number from 1 to 10000");
        assertThat(refusal("{\"epochs\":1e300}")).startsWith("epochs should be a whole number from 1 to 10000");
    }

    @Test
    void messagesStayOnOneShortLine() {
        String message = refusal("{\"lr\":\"1\\n2" + "x".repeat(500) + "\"}");
        assertThat(message).doesNotContain("\n").hasSizeLessThan(120);
        assertThat(refusal("not json"))
                .isEqualTo("the playground expects a JSON object of form fields, got 'not json'");
        assertThat(refusal("{\"speed\":\"max\"}")).isEqualTo("the playground has no field 'speed'; its fields are "
                + "dataset, noise, layers, activation, optimizer, lr, epochs");
    }

    @Test
    void missingFieldsTakeThePagesDefaultsAndNumbersMayComeAsJsonNumbers() {
        assertThat(PlaygroundForm.parse("{}"))
                .isEqualTo(new PlaygroundForm("moons", 0.1, List.of(16, 16), "relu", "adam", 0.01, 300));
        assertThat(PlaygroundForm.parse("{\"dataset\":\"Spirals\",\"noise\":0,\"layers\":\" 8 , 4 \","
                + "\"lr\":0.5,\"epochs\":20,\"optimizer\":\"sgd\",\"activation\":\"tanh\"}"))
                .isEqualTo(new PlaygroundForm("spirals", 0, List.of(8, 4), "tanh", "sgd", 0.5, 20));
        assertThat(PlaygroundForm.parse("{\"layers\":\"\"}").layers()).as("no hidden layer: logistic regression")
                .isEmpty();
    }

    @Test
    void aValidFormIsNotRefused() {
        assertThatThrownBy(() -> PlaygroundForm.parse("{\"lr\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PlaygroundForm.parse("{\"lr\":\"1e-3\"}").lr()).isEqualTo(0.001);
    }
}

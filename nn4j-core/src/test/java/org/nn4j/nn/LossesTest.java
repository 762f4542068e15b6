package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nn4j.tensor.Matrix;

class LossesTest {

    @Test
    void binaryCrossEntropyAveragesOverElements() {
        // −(ln 0.9 + ln(1 − 0.2)) / 2
        double expected = -(Math.log(0.9) + Math.log(0.8)) / 2;
        assertThat(Losses.BINARY_CROSS_ENTROPY.value(Matrix.of(2, 1, 0.9, 0.2), Matrix.of(2, 1, 1, 0)))
                .isCloseTo(expected, within(1e-16));
    }

    @Test
    void binaryCrossEntropyClipsCertainWrongAnswersToAFiniteLoss() {
        double loss = Losses.BINARY_CROSS_ENTROPY.value(Matrix.of(1, 1, 0.0), Matrix.of(1, 1, 1.0));
        assertThat(loss).isCloseTo(-Math.log(1e-15), within(1e-12));
    }

    @Test
    void binaryCrossEntropyHandlesSoftTargets() {
        double expected = -(0.3 * Math.log(0.6) + 0.7 * Math.log(0.4));
        assertThat(Losses.BINARY_CROSS_ENTROPY.value(Matrix.of(1, 1, 0.6), Matrix.of(1, 1, 0.3)))
                .isCloseTo(expected, within(1e-16));
    }

    @Test
    void meanSquaredErrorAndItsGradient() {
        Matrix p = Matrix.of(1, 2, 1.0, 3.0);
        Matrix y = Matrix.of(1, 2, 0.0, 1.0);
        assertThat(Losses.MEAN_SQUARED_ERROR.value(p, y)).isEqualTo(2.5);
        Matrix g = Matrix.zeros(1, 2);
        Losses.MEAN_SQUARED_ERROR.gradient(p, y, g);
        assertThat(g.toArray()).containsExactly(1.0, 2.0);
    }

    @Test
    void softmaxCrossEntropyAveragesOverSamples() {
        Matrix p = Matrix.of(new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}});
        Matrix y = Matrix.of(new double[][] {{1, 0, 0}, {0, 0, 1}});
        assertThat(Losses.SOFTMAX_CROSS_ENTROPY.value(p, y))
                .isCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, within(1e-16));
    }

    @Test
    void fusedGradientsArePredictionMinusTargetOverN() {
        Matrix p = Matrix.of(2, 1, 0.9, 0.2);
        Matrix y = Matrix.of(2, 1, 1, 0);
        Matrix g = Matrix.zeros(2, 1);
        assertThat(Losses.BINARY_CROSS_ENTROPY.gradientBeforeActivation(Activations.SIGMOID, p, y, g)).isTrue();
        assertThat(g.toArray()).containsExactly(new double[] {-0.05, 0.1}, within(1e-16));
        assertThat(Losses.BINARY_CROSS_ENTROPY.gradientBeforeActivation(Activations.TANH, p, y, g)).isFalse();
    }

    @Test
    void refusesPredictionsAndTargetsOfDifferentShapes() {
        assertThatThrownBy(() -> Losses.MEAN_SQUARED_ERROR.value(Matrix.zeros(4, 1), Matrix.zeros(4, 2)))
                .hasMessage("The mse loss needs predictions and targets of one shape, got predictions 4×1 and targets"
                        + " 4×2");
    }
}

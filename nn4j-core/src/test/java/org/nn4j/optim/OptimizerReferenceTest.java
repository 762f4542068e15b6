package org.nn4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * Every optimizer against two independent references on the weighted quadratic L = ½ Σ a·(θ − t)²: the first
 * steps worked out by hand from the update rules, and six steps computed by PyTorch itself
 * ({@code pytorch_reference.py}).
 */
class OptimizerReferenceTest {

    private static final double[] A = PyTorchReference.flat("a");
    private static final double[] T = PyTorchReference.flat("t");
    private static final double[] THETA0 = PyTorchReference.flat("theta0");

    static List<Arguments> optimizers() {
        return List.of(
                Arguments.of("sgd", (Supplier<Optimizer>) () -> new Sgd(0.1)),
                Arguments.of("sgd_weight_decay", (Supplier<Optimizer>) () -> new Sgd(0.1, 0, 0, 0.05, false)),
                Arguments.of("momentum", (Supplier<Optimizer>) () -> Sgd.withMomentum(0.1, 0.9)),
                Arguments.of("momentum_dampening_decay",
                        (Supplier<Optimizer>) () -> new Sgd(0.1, 0.9, 0.1, 0.01, false)),
                Arguments.of("nesterov", (Supplier<Optimizer>) () -> Sgd.nesterov(0.1, 0.9)),
                Arguments.of("rmsprop", (Supplier<Optimizer>) () -> new RmsProp(0.01)),
                Arguments.of("rmsprop_momentum_decay",
                        (Supplier<Optimizer>) () -> new RmsProp(0.01, 0.99, 1e-8, 0.1, 0.9)),
                Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(0.1)),
                Arguments.of("adam_weight_decay", (Supplier<Optimizer>) () -> new Adam(0.1, 0.9, 0.999, 1e-8, 0.1)),
                Arguments.of("adamw", (Supplier<Optimizer>) () -> new AdamW(0.1)),
                Arguments.of("adamw_strong_decay", (Supplier<Optimizer>) () -> new AdamW(0.1, 0.8, 0.99, 1e-6, 0.5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void sixStepsMatchPyTorch(String name, Supplier<Optimizer> make) {
        List<?> expected = (List<?>) PyTorchReference.section("optimizers").get(name);
        Parameter theta = new Parameter("theta", Matrix.of(2, 2, THETA0.clone()));
        Optimizer optimizer = make.get();
        for (int step = 0; step < expected.size(); step++) {
            setQuadraticGradient(theta);
            optimizer.step(List.of(theta));
            double[] want = PyTorchReference.row(expected.get(step));
            for (int i = 0; i < 4; i++) {
                assertThat(theta.value().get(i)).as("%s step %d element %d", name, step + 1, i)
                        .isCloseTo(want[i], within(1e-13 * Math.max(1, Math.abs(want[i]))));
            }
        }
    }

    // Hand computations on the first element: θ = 0.5, a = 1, t = 1, so g = θ − 1.

    @Test
    void plainSgdStepsAgainstTheGradient() {
        assertThat(firstElementAfter(new Sgd(0.1), 1)).isEqualTo(0.5 + 0.1 * 0.5);
    }

    @Test
    void momentumStartsItsBufferAtTheFirstGradient() {
        // b₁ = −0.5, θ₁ = 0.55; g₂ = −0.45, b₂ = 0.9·(−0.5) − 0.45 = −0.9, θ₂ = 0.55 + 0.09.
        assertThat(firstElementAfter(Sgd.withMomentum(0.1, 0.9), 2)).isCloseTo(0.64, within(1e-15));
    }

    @Test
    void nesterovLooksAheadAlongTheBuffer() {
        // b₁ = −0.5, step direction g + μ·b = −0.5 − 0.45 = −0.95, θ₁ = 0.5 + 0.095.
        assertThat(firstElementAfter(Sgd.nesterov(0.1, 0.9), 1)).isCloseTo(0.595, within(1e-15));
    }

    @Test
    void adamsFirstStepHasTheLengthOfTheLearningRate() {
        // m̂ = g and v̂ = g² after bias correction, so the step is lr·g/(|g| + ε) ≈ lr.
        assertThat(firstElementAfter(new Adam(0.1), 1)).isCloseTo(0.6 - 0.1 * 1e-8 / 0.5, within(1e-15));
    }

    @Test
    void rmspropsFirstStepIsTheLearningRateOverTheSquareRootOfOneMinusAlpha() {
        // v = 0.01·g², so the step is lr·g/(0.1·|g| + ε) ≈ 0.01/0.1 = 0.1.
        assertThat(firstElementAfter(new RmsProp(0.01), 1)).isCloseTo(0.6, within(1e-7));
    }

    @Test
    void adamWShrinksTheWeightBeforeTheAdamStep() {
        // θ·(1 − 0.1·0.01) = 0.4995, then the Adam step of ≈ 0.1.
        assertThat(firstElementAfter(new AdamW(0.1), 1)).isCloseTo(0.5995, within(1e-7));
    }

    @Test
    void aScheduleChangesTheRateOfTheNextStep() {
        Parameter theta = new Parameter("theta", Matrix.of(1, 1, 0.5));
        Sgd sgd = new Sgd(0.1);
        sgd.setLearningRate(0.2);
        theta.gradient().set(0, -0.5);
        sgd.step(List.of(theta));
        assertThat(theta.value().get(0)).isEqualTo(0.6);
    }

    @Test
    void badHyperparametersAreNamed() {
        assertThatThrownBy(() -> new Adam(-1)).hasMessage("The learning rate must be a positive number, got -1.0");
        assertThatThrownBy(() -> new Adam(0.1, 1.0, 0.999, 1e-8, 0))
                .hasMessage("The beta1 must be at least 0 and below 1, got 1.0");
        assertThatThrownBy(() -> new Sgd(0.1, 0, 0, 0, true))
                .hasMessageStartingWith("Nesterov momentum needs a momentum above 0");
        assertThatThrownBy(() -> new RmsProp(0.1).setLearningRate(Double.NaN))
                .hasMessage("The learning rate must be a positive number, got NaN");
    }

    private static double firstElementAfter(Optimizer optimizer, int steps) {
        Parameter theta = new Parameter("theta", Matrix.of(2, 2, THETA0.clone()));
        for (int i = 0; i < steps; i++) {
            setQuadraticGradient(theta);
            optimizer.step(List.of(theta));
        }
        return theta.value().get(0);
    }

    private static void setQuadraticGradient(Parameter theta) {
        for (int i = 0; i < 4; i++) {
            theta.gradient().set(i, A[i] * (theta.value().get(i) - T[i]));
        }
    }

}

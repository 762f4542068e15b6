package org.nn4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/** Learning-rate schedules and gradient clipping against PyTorch's own numbers ({@code pytorch_reference.py}). */
class ScheduleReferenceTest {

    @Test
    void stepDecayHalvesEveryThreeEpochs() {
        assertMatches("step", new StepDecay(3, 0.5), null);
    }

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        assertMatches("exponential", new ExponentialDecay(0.9), null);
    }

    @Test
    void cosineAnnealingFallsToItsFloorAtTMax() {
        assertMatches("cosine", new CosineAnnealing(10, 0.01), null);
        // Hand: halfway the rate is the mean of the two ends.
        assertThat(new CosineAnnealing(10, 0.01).rateAfter(5, 1.0, 1.0, 0)).isCloseTo(0.505, within(1e-15));
    }

    @Test
    void reduceOnPlateauWaitsOutPatienceAndCooldown() {
        assertMatches("plateau", new ReduceOnPlateau(0.5, 2, 1e-4, 1, 0.0), PyTorchReference.list("plateau_metrics"));
    }

    @Test
    void constantNeverChanges() {
        LearningRateSchedule constant = LearningRateSchedule.constant();
        assertThat(constant.rateAfter(100, 0.3, 0.01, 5.0)).isEqualTo(0.3);
    }

    @Test
    void clippingScalesAllGradientsByOneFactorOnlyAboveTheLimit() {
        Map<String, Object> cases = PyTorchReference.section("clipping");
        for (String key : List.of("max_norm_1", "max_norm_100")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> expected = (Map<String, Object>) cases.get(key);
            Parameter w = new Parameter("w", Matrix.of(2, 2, 0, 0, 0, 0));
            Parameter b = new Parameter("b", Matrix.of(1, 2, 0, 0));
            double[] wg = {3, -4, 1, 2};
            double[] bg = {0.5, -6};
            for (int i = 0; i < 4; i++) {
                w.gradient().set(i, wg[i]);
            }
            b.gradient().set(0, bg[0]);
            b.gradient().set(1, bg[1]);
            double norm = GradientClipping.clipGlobalNorm(List.of(w, b), key.equals("max_norm_1") ? 1.0 : 100.0);
            // Hand: √(9 + 16 + 1 + 4 + 0.25 + 36) = √66.25.
            assertThat(norm).isCloseTo(Math.sqrt(66.25), within(1e-15))
                    .isCloseTo((Double) expected.get("norm"), within(1e-12));
            assertThat(w.gradient().toArray()).containsExactly(PyTorchReference.row(expected.get("weight")),
                    within(1e-15));
            assertThat(b.gradient().toArray()).containsExactly(PyTorchReference.row(expected.get("bias")),
                    within(1e-15));
        }
    }

    private static void assertMatches(String name, LearningRateSchedule schedule, double[] metrics) {
        double[] expected = PyTorchReference.row(PyTorchReference.section("schedules").get(name));
        double rate = expected[0];
        for (int epoch = 1; epoch < expected.length; epoch++) {
            rate = schedule.rateAfter(epoch, expected[0], rate, metrics == null ? 0 : metrics[epoch - 1]);
            assertThat(rate).as("%s after epoch %d", name, epoch)
                    .isCloseTo(expected[epoch], within(1e-12 * expected[epoch]));
        }
    }
}

package org.nn4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.nn.Parameter;
import org.nn4j.tensor.Matrix;

/**
 * L-BFGS on quadratics small enough to follow by hand; the comparison with PyTorch on a network is
 * {@code LbfgsPyTorchTest}.
 */
class LbfgsTest {

    /** f(x) = ½·Σ aᵢ·(xᵢ − bᵢ)², with gradient aᵢ·(xᵢ − bᵢ); counts its evaluations. */
    private static final class Quadratic implements Objective {
        final Parameter x;
        final double[] a;
        final double[] b;
        int evaluations;

        Quadratic(double[] start, double[] a, double[] b) {
            this.x = new Parameter("x", Matrix.row(start.clone()));
            this.a = a;
            this.b = b;
        }

        @Override
        public double evaluate() {
            evaluations++;
            double f = 0;
            for (int i = 0; i < a.length; i++) {
                double r = x.value().get(i) - b[i];
                f += 0.5 * a[i] * r * r;
                x.gradient().set(i, a[i] * r);
            }
            return f;
        }

        double[] at() {
            return x.value().toArray();
        }
    }

    private static double step(Lbfgs lbfgs, Quadratic f) {
        return lbfgs.step(List.of(f.x), f);
    }

    @Test
    void firstMovesOneUnitOfGradientThenTheSecantReachesTheMinimumOfARoundBowl() {
        // f = x₁² + x₂² from (3, 4): g = (6, 8), Σ|gᵢ| = 14, so the first move is −g/14 to (18/7, 24/7). There
        // y = (−6/7, −8/7), s = (−3/7, −4/7), γ = (50/49)/(100/49) = ½, α = 6, and the two loops give d = 6·s:
        // one step of length 1 to (0, 0).
        Quadratic once = new Quadratic(new double[] {3, 4}, new double[] {2, 2}, new double[] {0, 0});
        step(new Lbfgs(1, 1, 25, 1e-7, 1e-9, 100, LineSearch.NONE), once);
        assertThat(once.at()[0]).isCloseTo(18.0 / 7, within(1e-15));
        assertThat(once.at()[1]).isCloseTo(24.0 / 7, within(1e-15));

        Quadratic f = new Quadratic(new double[] {3, 4}, new double[] {2, 2}, new double[] {0, 0});
        double startLoss = step(new Lbfgs(1), f);
        assertThat(startLoss).isEqualTo(25.0);
        assertThat(f.at()[0]).isCloseTo(0, within(1e-14));
        assertThat(f.at()[1]).isCloseTo(0, within(1e-14));
        // At the start, after the first move, after the second, where the gradient is zero and the step ends.
        assertThat(f.evaluations).isEqualTo(3);
    }

    @Test
    void strongWolfeExtrapolatesTenfoldAtMostThenTheSecantFinishes() {
        // f = 2·(x − 30)² from 0: g = −120, the first trial moves 1 (t = 1/120) to x = 1, where the slope along
        // d is still −13920 against −14400 at the start: not flat enough (0.9·14400). The cubic through both
        // points would jump to x = 30, but extrapolation stops at 10 times the trial, x = 10, where the slope,
        // −9600, is flat enough.
        Quadratic once = new Quadratic(new double[] {0}, new double[] {4}, new double[] {30});
        step(new Lbfgs(1, 1, 25, 1e-7, 1e-9, 100, LineSearch.STRONG_WOLFE), once);
        assertThat(once.at()[0]).isCloseTo(10, within(1e-12));
        assertThat(once.evaluations).isEqualTo(3);

        Quadratic f = new Quadratic(new double[] {0}, new double[] {4}, new double[] {30});
        step(new Lbfgs(1, 100, LineSearch.STRONG_WOLFE), f);
        assertThat(f.at()[0]).isCloseTo(30, within(1e-12));
    }

    @Test
    void strongWolfeZoomsIntoAnOvershotBracketAtTheCubicsMinimum() {
        // f = 2·(x − 0.3)² from 0: the first trial moves 1, to x = 1, where f = 0.98 exceeds f(0) = 0.18. The
        // bracket [0, 1/1.2] is zoomed at the cubic's minimum, which for a quadratic is exact: x = 0.3, slope 0.
        Quadratic f = new Quadratic(new double[] {0}, new double[] {4}, new double[] {0.3});
        step(new Lbfgs(1, 100, LineSearch.STRONG_WOLFE), f);
        assertThat(f.at()[0]).isCloseTo(0.3, within(1e-15));
        // The start, the overshoot, the minimum, where the gradient is zero and the step ends.
        assertThat(f.evaluations).isEqualTo(3);
    }

    @Test
    void theCubicMinimumOfAQuadraticIsItsVertex() {
        // φ(t) = (t − 2)²: values 4 and 1 at 0 and 1, slopes −4 and −2; the vertex is at 2.
        assertThat(StrongWolfe.cubicMinimum(0, 4, -4, 1, 1, -2, 0, 10)).isCloseTo(2, within(1e-15));
        assertThat(StrongWolfe.cubicMinimum(0, 4, -4, 1, 1, -2, 0, 1.5)).isEqualTo(1.5);
    }

    @Test
    void aStepCarriesItsHistoryToTheNextAndACheckpointCarriesItOn() {
        double[] a = {1, 4, 9, 16};
        double[] b = {1, -2, 3, -4};
        Quadratic whole = new Quadratic(new double[] {0, 0, 0, 0}, a, b);
        Lbfgs wholeRun = new Lbfgs(1, 2, 25, 0, 0, 3, LineSearch.NONE);
        for (int i = 0; i < 4; i++) {
            step(wholeRun, whole);
        }
        Quadratic halves = new Quadratic(new double[] {0, 0, 0, 0}, a, b);
        Lbfgs first = new Lbfgs(1, 2, 25, 0, 0, 3, LineSearch.NONE);
        step(first, halves);
        step(first, halves);
        Map<String, double[]> saved = first.state(List.of(halves.x));
        Lbfgs second = new Lbfgs(1, 2, 25, 0, 0, 3, LineSearch.NONE);
        second.restoreState(List.of(halves.x), saved);
        step(second, halves);
        step(second, halves);
        assertThat(halves.at()).containsExactly(whole.at());

        Lbfgs fresh = new Lbfgs(1, 2, 25, 0, 0, 3, LineSearch.NONE);
        Quadratic restarted = new Quadratic(new double[] {0, 0, 0, 0}, a, b);
        step(fresh, restarted);
        step(fresh, restarted);
        step(new Lbfgs(1, 2, 25, 0, 0, 3, LineSearch.NONE), restarted);
        assertThat(restarted.at()).as("without its history the step differs").isNotEqualTo(whole.at());
    }

    @Test
    void refusesAStepWithoutAnObjectiveAndAStateThatDoesNotFit() {
        Lbfgs lbfgs = new Lbfgs(1);
        Parameter x = new Parameter("x", Matrix.row(1, 2));
        assertThatThrownBy(() -> lbfgs.step(List.of(x))).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("step(parameters, objective)");
        assertThatThrownBy(() -> lbfgs.restoreState(List.of(x), Map.of("lbfgs.counts", new double[] {1, 1},
                "lbfgs.scalars", new double[] {1, 1, 1}, "lbfgs.direction", new double[3],
                "lbfgs.previous_gradient", new double[2]))).hasMessageContaining("does not fit 2 parameters");
        assertThatThrownBy(() -> new Lbfgs(1, 0, LineSearch.NONE)).hasMessage(
                "The L-BFGS history must keep 1 or more pairs, got 0");
        assertThatThrownBy(() -> LineSearch.byName("strong-wolf")).hasMessageContaining("strong_wolfe");
    }
}

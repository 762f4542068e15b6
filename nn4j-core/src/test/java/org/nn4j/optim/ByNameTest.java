package org.nn4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Optimizers and schedules chosen by name, as the command line does. */
class ByNameTest {

    @Test
    void optimizersByNameCarryTheirDefaults() {
        assertThat(Optimizers.byName("adam", 0.001, 0.9, -1).name())
                .isEqualTo("adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8)");
        assertThat(Optimizers.byName("AdamW", 0.001, 0.9, -1).name()).endsWith("weight_decay=0.01)");
        assertThat(Optimizers.byName("nesterov", 0.1, 0.8, 0).name()).isEqualTo("nesterov(lr=0.1, momentum=0.8)");
        assertThat(Optimizers.defaultLearningRate("rmsprop")).isEqualTo(0.01);
        assertThat(Optimizers.defaultLearningRate("adamw")).isEqualTo(0.001);
        assertThat(Optimizers.defaultLearningRate("lbfgs")).isEqualTo(1.0);
        assertThat(Optimizers.byName("LBFGS", 1.0, 0.9, -1).name())
                .isEqualTo("lbfgs(lr=1.0, max_iter=20, history_size=100, line_search=none)");
        assertThatThrownBy(() -> Optimizers.byName("adagrad", 0.1, 0, 0)).hasMessage(
                "Unknown optimizer 'adagrad'; expected one of sgd, momentum, nesterov, rmsprop, adam, adamw, lbfgs");
    }

    @Test
    void schedulesParseWithDefaultsForMissingValues() {
        assertThat(Schedules.parse("step", 100).name()).isEqualTo("step(step_size=30, gamma=0.1)");
        assertThat(Schedules.parse("step:10:0.5", 100).name()).isEqualTo("step(step_size=10, gamma=0.5)");
        assertThat(Schedules.parse("cosine", 80).name()).isEqualTo("cosine(t_max=80, eta_min=0)");
        assertThat(Schedules.parse("plateau:0.5:3", 80).name()).isEqualTo("plateau(factor=0.5, patience=3)");
        assertThat(Schedules.parse("exponential:0.9", 80).rateAfter(2, 1.0, 1.0, 0)).isEqualTo(0.81, org.assertj.core.api.Assertions.within(1e-15));
        assertThatThrownBy(() -> Schedules.parse("step:x", 10)).hasMessage("The schedule 'step:x' has a value that is not a number");
        assertThatThrownBy(() -> Schedules.parse("warmup", 10)).hasMessageStartingWith("Unknown schedule 'warmup'");
        assertThatThrownBy(() -> Schedules.parse("constant:3", 10)).hasMessage("The schedule 'constant:3' takes at most 0 values");
    }
}

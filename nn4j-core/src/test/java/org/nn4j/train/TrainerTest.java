package org.nn4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nn4j.grad.Backpropagation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.tensor.Matrix;

class TrainerTest {

    @Test
    void oneStepOfGradientDescentMatchesAHandComputation() {
        // y = w·x + b, MSE on one sample (x = 2, t = 1) from w = 0.5, b = 0: L = (2w + b − 1)² = 0,
        // so move the target to t = 3: ∂L/∂w = 2(1 − 3)·2 = −8, ∂L/∂b = −4; lr 0.1 gives w = 1.3, b = 0.4.
        Network net = Network.builder(1).dense(1, Activations.IDENTITY).buildWithZeroWeights();
        net.parameters().get(0).value().set(0, 0.5);
        Trainer trainer = new Trainer(new Backpropagation(), new Sgd(0.1), Losses.MEAN_SQUARED_ERROR);
        TrainingHistory history = trainer.fit(net, Matrix.of(1, 1, 2.0), Matrix.of(1, 1, 3.0), 1, 1,
                TrainingListener.NONE);
        assertThat(net.parameters().get(0).value().get(0)).isEqualTo(1.3);
        assertThat(net.parameters().get(1).value().get(0)).isEqualTo(0.4);
        // After the step: 2·1.3 + 0.4 = 3.0000000000000004, so the loss is about 0.
        assertThat(history.finalLoss()).isLessThan(1e-20);
    }

    @Test
    void stopsADivergingRunAndKeepsTheLastFiniteWeights() {
        Network net = Network.builder(1).dense(1, Activations.IDENTITY).buildWithZeroWeights();
        net.parameters().get(0).value().set(0, 1.0);
        Trainer trainer = new Trainer(new Backpropagation(), new Sgd(1e6), Losses.MEAN_SQUARED_ERROR);
        TrainingHistory history = trainer.fit(net, Matrix.of(1, 1, 10.0), Matrix.of(1, 1, 0.0), 1000, 1,
                TrainingListener.NONE);
        assertThat(history.stoppedEarly()).isTrue();
        assertThat(history.epochs()).isLessThan(1000);
        assertThat(net.parameters().get(0).value().isFinite()).isTrue();
        assertThat(net.parameters().get(1).value().isFinite()).isTrue();
        assertThat(history.reports()).allSatisfy(r -> assertThat(r.loss()).isFinite());
    }
}

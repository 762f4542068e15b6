package org.nn4j.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Sgd;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;
import org.nn4j.tutorial.XorResult;
import org.nn4j.tutorial.XorSettings;
import org.nn4j.tutorial.XorTraining;

/** Each diagnosis on a case built to have exactly that problem, and silence on a healthy run. */
class TrainingDoctorTest {

    private static List<Diagnosis.Kind> kinds(List<Diagnosis> found) {
        return found.stream().map(Diagnosis::kind).toList();
    }

    @Test
    void theTutorialsFailingSeedOneHasADeadSecondHiddenUnit() {
        XorResult run = XorTraining.train(XorSettings.tutorial().withSeed(1), TrainingListener.NONE);
        assertThat(XorTraining.solvesXor(run.network())).isFalse();
        List<Diagnosis> found = TrainingDoctor.deadUnits(run.network(), LogicGates.xor().inputs());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).finding()).startsWith("unit 2 of hidden layer 1 (of 2) is dead: its input is at most"
                + " 0 for all 4 training samples").contains("works with 1 of its 2 units");
        assertThat(found.get(0).remedy()).contains("another --seed").contains("leaky_relu");
    }

    @Test
    void aUnitWithAHugeNegativeBiasIsDeadAndTheOthersAreNot() {
        Network network = Network.builder(2).dense(4, Activations.RELU).dense(1, Activations.SIGMOID)
                .build(Initializers.HE, RandomSource.seeded(1));
        double[] biases = {100, -100, -100, 100};
        for (int u = 0; u < 4; u++) {
            network.layers().get(0).bias().value().set(0, u, biases[u]);
        }
        List<Diagnosis> found = TrainingDoctor.deadUnits(network, LogicGates.xor().inputs());
        assertThat(kinds(found)).containsExactly(Diagnosis.Kind.DEAD_UNITS);
        assertThat(found.get(0).finding()).startsWith("units 2 and 3 of hidden layer 1 (of 4) are dead");
        // One dead unit of four is not worth a diagnosis; the layer still has three.
        network.layers().get(0).bias().value().set(0, 1, 100.0);
        assertThat(TrainingDoctor.deadUnits(network, LogicGates.xor().inputs())).isEmpty();
    }

    @Test
    void aDeepSigmoidStackHasVanishingGradients() {
        Network.Builder builder = Network.builder(4);
        for (int i = 0; i < 12; i++) {
            builder.dense(6, Activations.SIGMOID);
        }
        Network network = builder.dense(1, Activations.SIGMOID).build(Initializers.XAVIER, RandomSource.seeded(2));
        Dataset data = randomBinary(64, 4, 3);
        GradientNorms norms = new GradientNorms();
        TrainingLoop.builder(Task.BINARY, new Sgd(0.1)).batchSize(16).epochs(4).seed(1).build()
                .fit(network, data, null, norms);
        assertThat(norms.perEpoch()).hasSize(4);
        assertThat(kinds(TrainingDoctor.gradients(norms.perEpoch()))).containsExactly(Diagnosis.Kind.VANISHING_GRADIENTS);
    }

    @Test
    void hugeGradientNormsAreExploding() {
        List<double[]> norms = List.of(new double[] {1, 2}, new double[] {40, 80}, new double[] {5e3, 9e3});
        List<Diagnosis> found = TrainingDoctor.gradients(norms);
        assertThat(kinds(found)).containsExactly(Diagnosis.Kind.EXPLODING_GRADIENTS);
        assertThat(found.get(0).finding()).contains("layer 2 reached a norm of 9.00e+03 in epoch 3");
    }

    @Test
    void aRunThatBlowsUpIsDiagnosedAsDiverging() {
        Dataset data = randomBinary(32, 3, 4);
        Network network = Network.builder(3).dense(8, Activations.RELU).dense(1, Activations.IDENTITY)
                .build(Initializers.HE, RandomSource.seeded(3));
        FitResult result = TrainingLoop.builder(Task.REGRESSION, new Sgd(1e3)).batchSize(8).epochs(50).build()
                .fit(network, data, null, TrainingListener.NONE);
        assertThat(result.stopReason()).isEqualTo(FitResult.DIVERGED);
        List<Diagnosis> found = TrainingDoctor.lossCurve(result.series("loss"), true);
        assertThat(kinds(found)).containsExactly(Diagnosis.Kind.DIVERGING_LOSS);
        assertThat(found.get(0).remedy()).contains("lower the learning rate");
        // Steady growth at the end, without a non-finite loss, is diverging too.
        assertThat(kinds(TrainingDoctor.lossCurve(List.of(1.0, 0.5, 0.4, 0.6, 0.9, 1.3), false)))
                .containsExactly(Diagnosis.Kind.DIVERGING_LOSS);
    }

    @Test
    void aZigzaggingLossMeansTheLearningRateIsTooHigh() {
        List<Double> loss = List.of(0.9, 1.1, 0.8, 1.2, 0.85, 1.15, 0.9, 1.05, 0.95);
        assertThat(kinds(TrainingDoctor.lossCurve(loss, false))).containsExactly(Diagnosis.Kind.LEARNING_RATE_TOO_HIGH);
    }

    @Test
    void theTutorialsSeedZeroLearnsTooSlowly() {
        XorResult run = XorTraining.train(XorSettings.tutorial().withSeed(0), TrainingListener.NONE);
        List<Double> loss = run.history().series("loss");
        List<Diagnosis> found = TrainingDoctor.lossCurve(loss, false);
        assertThat(kinds(found)).containsExactly(Diagnosis.Kind.LEARNING_RATE_TOO_LOW);
        assertThat(found.get(0).finding()).contains("0.6835 to 0.6331");
    }

    @Test
    void aFlatLossAfterEarlyProgressIsAPlateau() {
        List<Double> loss = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            loss.add(i < 10 ? 1.0 - 0.04 * i : 0.6 + 1e-6 * (30 - i));
        }
        List<Diagnosis> found = TrainingDoctor.lossCurve(loss, false);
        assertThat(kinds(found)).containsExactly(Diagnosis.Kind.PLATEAU);
    }

    @Test
    void validationLossRisingWhileTrainingLossFallsIsOverfitting() {
        List<Double> train = List.of(1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.08, 0.06);
        List<Double> validation = List.of(1.0, 0.85, 0.7, 0.65, 0.66, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0);
        List<Diagnosis> found = TrainingDoctor.overfitting(train, validation);
        assertThat(kinds(found)).containsExactly(Diagnosis.Kind.OVERFITTING);
        assertThat(found.get(0).finding()).contains("lowest in epoch 4 (0.6500) and rose to 1.000 by epoch 12");
        // Both falling: nothing to say.
        assertThat(TrainingDoctor.overfitting(train, train)).isEmpty();
    }

    @Test
    void aFlatLossAfterLbfgsConvergedIsNoPlateau() {
        List<Double> loss = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            loss.add(i < 10 ? 1.0 - 0.04 * i : 0.6 + 1e-6 * (30 - i));
        }
        assertThat(kinds(TrainingDoctor.lossCurve(loss, false, new RunSettings("adam", 0.001, "relu", "he", 0, 0,
                0)))).containsExactly(Diagnosis.Kind.PLATEAU);
        assertThat(TrainingDoctor.lossCurve(loss, false, new RunSettings("lbfgs", 1.0, "relu", "he", 0, 0, 0)))
                .isEmpty();
    }

    @Test
    void anOverfittingLbfgsRunIsAdvisedAnL2PenaltyNotDropoutOrWeightDecayWhichItRefuses() {
        List<Double> train = List.of(1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.08, 0.06);
        List<Double> validation = List.of(1.0, 0.85, 0.7, 0.65, 0.66, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0);
        String advice = TrainingDoctor.overfitting(train, validation,
                new RunSettings("lbfgs", 1.0, "relu", "he", 20, 0, 0)).get(0).remedy();
        assertThat(advice).contains("--l2 0.01").doesNotContain("--dropout").doesNotContain("--weight-decay");
    }

    @Test
    void aHealthyRunGetsNoDiagnosis() {
        XorResult run = XorTraining.train(XorSettings.defaults().withSeed(3), TrainingListener.NONE);
        List<Double> loss = run.history().series("loss");
        assertThat(XorTraining.solvesXor(run.network())).isTrue();
        assertThat(TrainingDoctor.lossCurve(loss, false)).isEmpty();
    }

    @Test
    void negligibleLossesNeitherDivergeNorOverfitHoweverLargeTheirRatio() {
        // A healthy spirals run (99.8% accuracy): the loss fell from 1.1 to 2.341e-4 and ended at 2.47e-3, and the
        // validation loss went from 5.403e-10 to 2.132e-7. Ratios of 10 and 400, effects of nothing.
        List<Double> loss = new ArrayList<>(List.of(1.1, 0.6, 0.2, 0.05, 0.01, 0.002, 0.0008, 2.341e-4));
        loss.addAll(List.of(4e-4, 9e-4, 1.6e-3, 2.47e-3));
        assertThat(TrainingDoctor.lossCurve(loss, false)).isEmpty();
        List<Double> validation = new ArrayList<>();
        for (int i = 0; i < loss.size(); i++) {
            validation.add(i < 3 ? 1.0 - 0.3 * i : i == 3 ? 5.403e-10 : 5.403e-10 + 2.13e-7 * (i - 3) / 8);
        }
        List<Double> falling = new ArrayList<>();
        for (int i = 0; i < loss.size(); i++) {
            falling.add(1.0 / (i + 1));
        }
        assertThat(TrainingDoctor.overfitting(falling, validation)).isEmpty();
        // The same shape at a loss that matters is still found.
        List<Double> material = new ArrayList<>();
        for (int i = 0; i < validation.size(); i++) {
            material.add(i < 3 ? validation.get(i) : 0.3 + 0.2 * (i - 3) / 8);
        }
        assertThat(kinds(TrainingDoctor.overfitting(falling, material))).containsExactly(Diagnosis.Kind.OVERFITTING);
    }

    @Test
    void irisAtLearningRate100JumpsAboutAndIsNotOverfitting() {
        // Recorded from nn4j train --data iris.csv --label species --lr 100 (seed 1), as the epoch lines print it.
        List<Double> loss = List.of(11.3509, 11.5129, 8.5525, 6.9078, 2.6315, 4.6052, 2.6315, 1.9736, 2.6315,
                1.6447, 1.9736, 1.6447, 3.2894, 0.9868, 1.6447, 0.3289, 1.6447, 1.6447, 2.6315, 3.6183, 1.6447, 5.5920,
                3.2894, 3.2894, 2.3026, 0.9868);
        List<Double> validation = List.of(9.2103, 11.5129, 4.6052, 4.6052, 2.3026, -0.0, 2.3026, 2.3026, 2.3026,
                2.3026, 2.3026, 4.6052, 2.3026, 2.3026, 2.3026, 2.3026, 2.3026, -0.0, 2.3026, 6.9078, 13.8155, 6.9078,
                2.3026, 4.6052, 4.6052, 2.3026);
        List<Diagnosis> found = TrainingDoctor.lossCurve(loss, false,
                new RunSettings("adam", 100.0, "relu", "he", 20, 0, 0));
        assertThat(kinds(found)).containsExactly(Diagnosis.Kind.LEARNING_RATE_TOO_HIGH);
        assertThat(found.get(0).finding()).contains("between 0.3289 and 11.51");
        assertThat(found.get(0).remedy()).contains("lower the learning rate (--lr 10)");
        assertThat(TrainingDoctor.overfitting(loss, validation)).isEmpty();
    }

    @Test
    void remediesLeaveOutWhatTheRunAlreadyDoes() {
        List<Double> train = List.of(1.0, 0.8, 0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.08, 0.06);
        List<Double> validation = List.of(1.0, 0.85, 0.7, 0.65, 0.66, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0);
        assertThat(TrainingDoctor.overfitting(train, validation).get(0).remedy()).contains("--early-stopping 10")
                .contains("--dropout 0.2");
        String withBoth = TrainingDoctor.overfitting(train, validation,
                new RunSettings("adam", 0.001, "relu", "he", 20, 0.3, 0)).get(0).remedy();
        assertThat(withBoth).doesNotContain("--early-stopping").doesNotContain("--dropout").contains("--weight-decay");

        List<Double> slow = List.of(0.70, 0.69, 0.68, 0.67, 0.66, 0.65);
        assertThat(TrainingDoctor.lossCurve(slow, false, new RunSettings("sgd", 0.01, null, null, 0, 0, 0)).get(0)
                .remedy()).contains("--lr 0.1").contains("--optimizer adam");
        assertThat(TrainingDoctor.lossCurve(slow, false, new RunSettings("adam", 0.001, null, null, 0, 0, 0)).get(0)
                .remedy()).contains("--lr 0.01").doesNotContain("adam");
    }

    @Test
    void aRemedyOnlyNamesTheOptionsAFrontEndAccepts() {
        Diagnosis d = new Diagnosis(Diagnosis.Kind.PLATEAU, "flat.", List.of(
                Remedy.option("raise the learning rate (--lr 1)", "--lr", "1"),
                Remedy.option("Adam (--optimizer adam)", "--optimizer", "adam"), Remedy.plain("more data")));
        assertThat(d.remedy()).isEqualTo("Remedy: raise the learning rate (--lr 1), Adam (--optimizer adam), or more"
                + " data.");
        assertThat(d.remedy(r -> !"--optimizer".equals(r.option())))
                .isEqualTo("Remedy: raise the learning rate (--lr 1) or more data.");
        assertThat(d.remedy(r -> false)).isEmpty();
    }

    private static Dataset randomBinary(int rows, int cols, long seed) {
        RandomSource random = RandomSource.seeded(seed);
        Matrix x = Matrix.zeros(rows, cols);
        Matrix y = Matrix.zeros(rows, 1);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                x.set(r, c, random.nextGaussian());
            }
            y.set(r, 0, x.get(r, 0) > 0 ? 1 : 0);
        }
        return new Dataset("random", x, y);
    }
}

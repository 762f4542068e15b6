package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.metrics.ClassificationMetrics;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.Network;
import org.nn4j.optim.Adam;
import org.nn4j.random.RandomSource;
import org.nn4j.train.EarlyStopping;
import org.nn4j.train.TrainingLoop;
import org.nn4j.train.TrainingListener;

/** A network with two hidden layers learns each synthetic set to at least 97% accuracy on held-out rows. */
class SyntheticLearningTest {

    @ParameterizedTest
    @CsvSource({"moons, 0.1", "circles, 0.05", "spirals, 0.1"})
    void twoHiddenLayersReach97PercentOnHeldOutRows(String name, double noise) {
        Table table = SyntheticData.byName(name, 1000, 3, noise, 7);
        int label = table.indexOf("label");
        Split split = Split.of(table, label, 0.3, 0.1, true, 11);
        Preprocessing prep = Preprocessing.fit(table, "label", null, split.train());
        Task task = prep.task();
        Network network = Network.builder(prep.inputs())
                .dense(32, Activations.TANH)
                .dense(32, Activations.TANH)
                .dense(prep.outputs(), task.outputActivation())
                .build(Initializers.byName("xavier"), RandomSource.seeded(3));
        TrainingLoop trainer = TrainingLoop.builder(task, new Adam(0.01))
                .batchSize(32).epochs(300).seed(5)
                .earlyStopping(EarlyStopping.on("val_loss", 30))
                .build();
        trainer.fit(network, prep.encode(table, split.train()), prep.encode(table, split.validation()),
                TrainingListener.NONE);
        ClassificationMetrics test = ClassificationMetrics.of(task, network.predict(
                prep.encodeInputs(table, split.test())), prep.classesOf(table, split.test()), prep.label().classes());
        assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.97);
        assertThat(List.of(Task.BINARY, Task.MULTICLASS)).contains(task);
    }
}

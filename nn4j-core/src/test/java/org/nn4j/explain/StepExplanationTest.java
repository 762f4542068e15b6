package org.nn4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.io.Json;
import org.nn4j.nn.Losses;
import org.nn4j.nn.Network;
import org.nn4j.nn.Parameter;
import org.nn4j.train.TrainingListener;
import org.nn4j.tutorial.XorSettings;
import org.nn4j.tutorial.XorTraining;

class StepExplanationTest {

    private static final Dataset XOR = LogicGates.xor();

    private static StepExplanation tutorialSeedZero(boolean backprop) {
        Network network = XorTraining.newNetwork(XorSettings.tutorial().withSeed(0));
        return StepExplanation.of(network, XOR.inputs(), XOR.targets(), Losses.BINARY_CROSS_ENTROPY, 1e-5, 0.01,
                backprop);
    }

    @Test
    void theExplainedStepIsExactlyTheTutorialsFirstEpoch() {
        StepExplanation step = tutorialSeedZero(false);
        Network trained = XorTraining.train(XorSettings.tutorial().withSeed(0).withEpochs(1), TrainingListener.NONE)
                .network();
        int k = 0;
        for (Parameter p : trained.parameters()) {
            for (int i = 0; i < p.value().size(); i++) {
                assertThat(step.parameters().get(k++).updated()).isEqualTo(p.value().get(i));
            }
        }
        assertThat(k).isEqualTo(9);
        assertThat(step.lossAfter()).isEqualTo(Losses.BINARY_CROSS_ENTROPY.value(trained.forward(XOR.inputs()),
                XOR.targets()));
        assertThat(step.lossAfter()).isLessThan(step.lossBefore());
    }

    @Test
    void theForwardPassMatchesAHandComputationFromTheTutorialsSeedZeroWeights() {
        // numpy RandomState(0): W1 = [[1.764052345967664, 0.4001572083672233], [0.9787379841057392, 2.240893199201458]],
        // b1 = [1.8675579901499675, -0.977277879876411], W2 = [0.9500884175255894, -0.1513572082976979],
        // b2 = -0.10321885179355784.
        StepExplanation step = tutorialSeedZero(false);
        StepExplanation.LayerPass hidden = step.forward().get(0);
        assertThat(hidden.z()[0]).containsExactly(1.8675579901499675, -0.977277879876411);
        assertThat(hidden.a()[0]).containsExactly(1.8675579901499675, 0.0);
        double z11 = 1.764052345967664 + 1.8675579901499675; // x = (1, 0)
        assertThat(hidden.z()[2][0]).isEqualTo(z11);
        double out = 1.8675579901499675 * 0.9500884175255894 + 0.0 * -0.1513572082976979 - 0.10321885179355784;
        assertThat(step.forward().get(1).z()[0][0]).isCloseTo(out, within(1e-15));
        assertThat(step.forward().get(1).a()[0][0]).isCloseTo(1 / (1 + Math.exp(-out)), within(1e-15));
    }

    @Test
    void numericalAndBackpropGradientsAgreeToTheForwardDifferencesError() {
        StepExplanation step = tutorialSeedZero(true);
        assertThat(step.parameters()).extracting(StepExplanation.ParameterStep::name).containsExactly(
                "W1[1,1]", "W1[1,2]", "W1[2,1]", "W1[2,2]", "b1[1]", "b1[2]", "W2[1,1]", "W2[2,1]", "b2[1]");
        for (StepExplanation.ParameterStep s : step.parameters()) {
            assertThat(s.difference()).as(s.name()).isLessThan(1e-5);
            assertThat(s.nudged()).isEqualTo(s.value() + 1e-5);
            assertThat(s.updated()).isEqualTo(s.value() - 0.01 * s.backprop());
        }
    }

    @Test
    void theThreeFormatsCarryTheSameSections() {
        StepExplanation step = tutorialSeedZero(false);
        String table = step.table();
        assertThat(table).contains("One training step of the 2-2-1 (relu, sigmoid) network", "1. Forward pass",
                "Layer 1: z1 = x·W1 + b1, a1 = relu(z1)", "2. Gradient, one parameter at a time (ε = 1e-5)",
                "3. Update: θ ← θ − 0.01 · g, with the numerical (as the tutorial) gradient", "Loss after the step:");
        assertThat(table.lines().filter(l -> l.trim().startsWith("W1[1,1]")).count()).isEqualTo(2);
        assertThat(step.markdown()).contains("## 1. Forward pass", "| parameter", "| :--");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(Json.write(step.toMap()));
        assertThat(json).containsKeys("forward", "loss_before", "parameters", "loss_after");
        assertThat((List<?>) json.get("parameters")).hasSize(9);
        assertThat(json.get("update_uses")).isEqualTo("numerical");
    }
}

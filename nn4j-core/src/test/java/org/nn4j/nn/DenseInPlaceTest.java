package org.nn4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nn4j.tensor.Matrix;
import org.nn4j.tensor.Precision;

/** A ReLU layer keeps one matrix for z and a; its passes must give what a layer keeping both gives. */
class DenseInPlaceTest {

    /** ReLU in every way but one: its layer keeps z and a apart, as every layer did before. */
    private static final Activation RELU_APART = new Activation() {
        @Override
        public String name() {
            return "relu";
        }

        @Override
        public void forward(Matrix z, Matrix a) {
            Activations.RELU.forward(z, a);
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
            Activations.RELU.backward(z, a, gradA, gradZ);
        }

        @Override
        public void affineThenForward(Matrix x, Matrix w, Matrix bias, Matrix z, Matrix a) {
            Activations.RELU.affineThenForward(x, w, bias, z, a);
        }
    };

    @Test
    void reluRunsInPlaceAndTheOthersDoNot() {
        assertThat(Activations.RELU.runsInPlace()).isTrue();
        for (String name : new String[] {"leaky_relu", "sigmoid", "tanh", "identity", "softmax"}) {
            assertThat(Activations.byName(name).runsInPlace()).as(name).isFalse();
        }
    }

    @Test
    void aReluLayerInPlaceGivesTheBitsOfOneThatKeepsZApart() {
        for (Precision precision : Precision.values()) {
            // 70 rows by 40 units: whole tiles and leftover rows and columns; 100 inputs.
            Dense inPlace = new Dense(0, 100, 40, Activations.RELU, 0.0, precision);
            Dense apart = new Dense(0, 100, 40, RELU_APART, 0.0, precision);
            SplittableRandom random = new SplittableRandom(5);
            fill(inPlace.weight().value(), random);
            fill(inPlace.bias().value(), random);
            apart.weight().value().copyFrom(inPlace.weight().value());
            apart.bias().value().copyFrom(inPlace.bias().value());
            Matrix x = Matrix.zeros(70, 100, precision);
            fill(x, random);
            x.set(3, 0, Double.NaN);
            Matrix gradOutput = Matrix.zeros(70, 40, precision);
            fill(gradOutput, random);

            Matrix out = inPlace.forward(x);
            assertThat(out.sameBits(apart.forward(x))).as("outputs in %s", precision).isTrue();
            assertThat(out.get(3, 0)).as("a NaN input's row").isNaN();
            Matrix gradInput = inPlace.backward(gradOutput, true);
            assertThat(gradInput.sameBits(apart.backward(gradOutput, true))).as("input gradients in %s", precision)
                    .isTrue();
            assertThat(inPlace.weight().gradient().sameBits(apart.weight().gradient()))
                    .as("weight gradients in %s", precision).isTrue();
            assertThat(inPlace.bias().gradient().sameBits(apart.bias().gradient()))
                    .as("bias gradients in %s", precision).isTrue();
        }
    }

    private static void fill(Matrix m, SplittableRandom random) {
        for (int i = 0; i < m.size(); i++) {
            m.set(i, random.nextGaussian());
        }
    }
}

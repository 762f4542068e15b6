package org.nn4j.examples;

import java.nio.file.Path;
import org.nn4j.predict.Model;
import org.nn4j.predict.Prediction;

/**
 * Loads a saved model and answers for one sample given on the command line.
 *
 * <pre>java -cp … org.nn4j.examples.LoadAndPredict MODEL_FILE VALUE…</pre>
 */
public final class LoadAndPredict {

    private LoadAndPredict() {
    }

    public static void main(String[] args) throws Exception {
        Model model = Model.load(Path.of(args[0]));
        double[] sample = new double[args.length - 1];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = Double.parseDouble(args[i + 1]);
        }
        Prediction prediction = model.answer(sample);

        System.out.println(model);
        System.out.println("Inputs: " + String.join(", ", model.inputNames()));
        System.out.println("Prediction: " + prediction);
    }
}

package org.nn4j.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.doctor.RunSettings;
import org.nn4j.doctor.TrainingDoctor;
import org.nn4j.io.Json;
import org.nn4j.io.ModelFile;
import org.nn4j.names.DidYouMean;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.FitResult;
import org.nn4j.train.TrainingListener;
import org.nn4j.grad.GradientMethod;
import org.nn4j.tutorial.XorResult;
import org.nn4j.tutorial.XorSettings;
import org.nn4j.tutorial.XorTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nn4j xor}: the tutorial end to end — train on XOR, show the truth table, then ask for inputs. */
@Command(name = "xor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a network on XOR, print the loss as it goes and the truth table, then ask for two inputs and "
                    + "print the prediction.",
            "The defaults learn XOR reliably; --preset tutorial uses the tutorial's exact settings (2 ReLU units, "
                    + "numerical gradient, lr 0.01, 1,000 epochs), which fail on most seeds."})
final class XorCommand implements Callable<Integer> {

    @ParentCommand
    private Nn4j parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "Starting settings: default or tutorial (other options override them). Default: default.")
    private String preset = "default";

    @Option(names = "--method", paramLabel = "METHOD",
            description = "How to get the gradient: numerical (the tutorial's forward difference), central, or "
                    + "backprop. Default: backprop (tutorial preset: numerical).")
    private String method;

    @Option(names = "--epochs", paramLabel = "N", description = "Full-batch updates to make. Default: 500 (tutorial: 1000).")
    private Integer epochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate. Default: 0.5 (tutorial: 0.01).")
    private Double learningRate;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",",
            description = "Hidden layer sizes, e.g. 2 or 8,4. Default: 16 (tutorial: 2).")
    private List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Hidden activation: relu, leaky_relu, leaky_relu(SLOPE), sigmoid, tanh, identity, softmax."
                    + " Default: relu.")
    private String activation;

    @Option(names = "--epsilon", paramLabel = "EPS",
            description = "Finite-difference step of the numerical methods. Default: 1e-5.")
    private Double epsilon;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights. Default: 1 (tutorial: 0).")
    private Long seed;

    @Mixin
    private ReportOptions report = new ReportOptions();

    @Option(names = {"--from", "--init"}, paramLabel = "MODEL",
            description = "Start from the weights (and architecture) of a saved model instead of random ones."
                    + " (--init is the old spelling; in nn4j train --init names an initialiser.)")
    private Path init;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained network to FILE.")
    private Path save;

    @Option(names = "--no-prompt", description = "Exit after training instead of asking for inputs.")
    private boolean noPrompt;

    @Option(names = "--json", description = "Print one JSON object instead of the report: the settings, every"
            + " reported epoch's loss at full precision (--every 1 for each epoch), the truth table and the doctor's"
            + " findings. Asks for no inputs.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        XorSettings settings = settings();
        // With --json, the report is not printed: the one object at the end is the whole output.
        PrintWriter out = json ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        Network network;
        Deprecations.warn(spec, "--init", "--from");
        if (init != null) {
            if (hidden != null || activation != null) {
                throw new ParameterException(spec.commandLine(),
                        "--from takes the architecture from its file; leave out --hidden and --activation");
            }
            network = ModelFile.read(init).network();
            if (network.inputs() != 2 || network.outputs() != 1) {
                throw new IllegalArgumentException("XOR needs a model with 2 inputs and 1 output, but " + init
                        + " holds a " + network.describe() + " network");
            }
        } else {
            network = XorTraining.newNetwork(settings);
        }

        // --quiet: only the result (the truth table, the doctor's findings) and the prompt.
        PrintWriter unlessQuiet = report.quiet ? new PrintWriter(Writer.nullWriter()) : out;
        unlessQuiet.printf(Locale.ROOT, "Training XOR: %s network, %s gradient, learning rate %s, %d epochs, %s%n",
                network.describe(), settings.method().label(), Format.number(settings.learningRate()),
                settings.epochs(),
                init != null ? "starting from " + init : "seed " + settings.seed());
        unlessQuiet.print(network.summary());
        out.flush();
        long start = System.nanoTime();
        StringBuilder line = new StringBuilder(40);
        XorResult result = XorTraining.train(network, settings, report.quiet ? TrainingListener.NONE
                : TrainingListener.onEpochs(record -> {
                    // The tutorial's line, 10,000 times in its million epochs: built by hand, not by a format string.
                    line.setLength(0);
                    line.append("Epoch ").append(record.epoch()).append(", Loss: ");
                    out.println(FixedDecimals.append(line, record.get("loss"), 4));
                }));
        long nanos = System.nanoTime() - start;
        boolean diverged = result.history().stopReason().equals(FitResult.DIVERGED);
        if (diverged) {
            out.printf("Training stopped after epoch %d: the loss was no longer a finite number (try a smaller --lr).%n",
                    result.history().epochs());
        }
        out.println(Format.trainingTook(nanos / 1e9));
        out.println();
        printTruthTable(out, network);
        List<Double> losses = result.history().series("loss");
        // XOR trains by plain gradient descent; a model started --from a file has its own activation and weights.
        RunSettings ran = new RunSettings("sgd", settings.learningRate(),
                init != null ? null : settings.activation().name(), init != null ? null : settings.initializer().name(),
                0, 0, 0);
        List<Diagnosis> diagnoses = TrainingDoctor.examine(network, LogicGates.xor().inputs(), losses, List.of(),
                List.of(), diverged, ran);
        DoctorReport.print(out, diagnoses, spec);

        Map<String, String> record = new LinkedHashMap<>(result.provenance());
        if (init != null) {
            // The weights came from the file: the preset's seed and initialiser drew none of them.
            record.remove("seed");
            record.remove("initializer");
            record.put("started_from", Origin.of(init));
        }
        if (save != null) {
            Map<String, String> saved = new LinkedHashMap<>(record);
            if (!diagnoses.isEmpty()) {
                saved.put("diagnoses", DoctorReport.json(diagnoses, spec));
            }
            ModelFile.write(network, saved, save);
            out.println("Saved the model to " + save + ".");
        }
        if (json) {
            PrintWriter real = spec.commandLine().getOut();
            real.println(Json.write(XorJson.of(settings, record, result, network, diagnoses, nanos / 1e9)));
            real.flush();
            return 0;
        }
        if (noPrompt) {
            return 0;
        }
        out.println();
        out.println("Ask the network: type a and b (or both on one line), 'quit' or end of input to stop.");
        new Prompt(network, parent.inText(), out).run();
        return 0;
    }

    private XorSettings settings() {
        report.check(spec);
        XorSettings s;
        switch (preset.toLowerCase(Locale.ROOT)) {
            case "default" -> s = XorSettings.defaults();
            case "tutorial" -> s = XorSettings.tutorial();
            default -> throw new ParameterException(spec.commandLine(), "Unknown preset '" + preset + "'"
                    + DidYouMean.hint(preset, List.of("default", "tutorial")) + "; known: default, tutorial");
        }
        try {
            if (method != null) {
                s = s.withMethod(GradientMethod.byName(method));
            }
            if (hidden != null) {
                s = s.withHidden(hidden);
            }
            if (activation != null) {
                s = s.withActivation(Activations.byName(activation));
            }
            if (epochs != null) {
                if (epochs < 1) {
                    throw new IllegalArgumentException("--epochs takes 1 or more, got " + epochs);
                }
                s = s.withEpochs(epochs);
            }
            if (learningRate != null) {
                s = s.withLearningRate(learningRate);
            }
            if (epsilon != null) {
                s = s.withEpsilon(epsilon);
            }
            if (report.every != null) {
                s = s.withReportEvery(report.every);
            }
            if (seed != null) {
                if (s.numpyRandom() && (seed < 0 || seed > 0xffffffffL)) {
                    throw new IllegalArgumentException(
                            "The tutorial preset draws weights as numpy does, which takes a seed from 0 to 4294967295,"
                                    + " got " + seed);
                }
                s = s.withSeed(seed);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return s;
    }

    private static void printTruthTable(PrintWriter out, Network network) {
        Dataset xor = LogicGates.xor();
        Matrix predictions = network.predict(xor.inputs());
        out.println(" a  b | target | prediction");
        int wrong = 0;
        for (int i = 0; i < xor.size(); i++) {
            double p = predictions.get(i, 0);
            double target = xor.targets().get(i, 0);
            boolean right = (p > 0.5) == (target > 0.5);
            wrong += right ? 0 : 1;
            out.printf(Locale.ROOT, " %.0f  %.0f |   %.0f    |   %.4f  %s%n", xor.inputs().get(i, 0),
                    xor.inputs().get(i, 1), target, p, right ? "" : "<- wrong");
        }
        if (wrong == 0) {
            out.println("All four predictions are on the correct side of 0.5: the network learned XOR.");
        } else {
            out.printf("%d of 4 predictions are on the wrong side of 0.5: the network has not learned XOR.%n", wrong);
        }
    }
}

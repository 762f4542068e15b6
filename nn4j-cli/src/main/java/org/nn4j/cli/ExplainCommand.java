package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.explain.StepExplanation;
import org.nn4j.io.Json;
import org.nn4j.names.DidYouMean;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Losses;
import org.nn4j.tutorial.XorSettings;
import org.nn4j.tutorial.XorTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nn4j explain}: one training step of a small network, walked through as a tutorial would. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Walk through one training step of the XOR network, the way a tutorial explains it: the "
                + "forward pass layer by layer; for every parameter the nudge, the loss before and after, the "
                + "numerical gradient, the exact backprop gradient and their difference; then the update.",
            "By default the tutorial's own network: 2-2-1, ReLU then sigmoid, numpy's seed-0 weights, ε = 1e-5, "
                + "learning rate 0.01."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the initial weights. Default: 0.")
    private long seed;

    @Option(names = "--hidden", paramLabel = "UNITS", description = "Hidden units. Default: 2.")
    private int hidden = 2;

    @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation. Default: relu.")
    private String activation = "relu";

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate of the update. Default: 0.01.")
    private double learningRate = 0.01;

    @Option(names = "--epsilon", paramLabel = "EPS", description = "The nudge ε. Default: 1e-5.")
    private double epsilon = 1e-5;

    @Option(names = "--update-with", paramLabel = "GRADIENT",
            description = "Which gradient the update uses: numerical (as the tutorial) or backprop. Default: "
                    + "numerical.")
    private String updateWith = "numerical";

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "table (aligned, for a terminal), markdown or json. Default: table.")
    private String format = "table";

    @Override
    public Integer call() {
        String chosenFormat = format.toLowerCase(Locale.ROOT);
        if (!chosenFormat.equals("table") && !chosenFormat.equals("markdown") && !chosenFormat.equals("json")) {
            throw new ParameterException(spec.commandLine(), "--format takes table, markdown or json, got '"
                    + format + "'" + DidYouMean.hint(format, List.of("table", "markdown", "json")));
        }
        boolean backprop = switch (updateWith.toLowerCase(Locale.ROOT)) {
            case "numerical" -> false;
            case "backprop" -> true;
            default -> throw new ParameterException(spec.commandLine(), "--update-with takes numerical or backprop,"
                    + " got '" + updateWith + "'" + DidYouMean.hint(updateWith, List.of("numerical", "backprop")));
        };
        XorSettings settings;
        try {
            if (seed < 0 || seed > 0xffffffffL) {
                throw new IllegalArgumentException("The tutorial's weights are drawn as numpy does, which takes a"
                        + " seed from 0 to 4294967295, got " + seed);
            }
            settings = XorSettings.tutorial().withSeed(seed).withHidden(java.util.List.of(hidden))
                    .withActivation(Activations.byName(activation)).withLearningRate(learningRate)
                    .withEpsilon(epsilon);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Dataset xor = LogicGates.xor();
        StepExplanation step = StepExplanation.of(XorTraining.newNetwork(settings), xor.inputs(), xor.targets(),
                Losses.BINARY_CROSS_ENTROPY, epsilon, learningRate, backprop);
        PrintWriter out = spec.commandLine().getOut();
        switch (chosenFormat) {
            case "json" -> out.println(Json.write(step.toMap()));
            case "markdown" -> out.print(step.markdown());
            default -> out.print(step.table());
        }
        out.flush();
        return 0;
    }
}

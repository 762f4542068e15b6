package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SafetensorsFile;
import org.nn4j.io.SavedModel;
import org.nn4j.io.TorchSequential;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nn4j import --safetensors FILE}: a PyTorch nn.Sequential's weights as an nn4j model file. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Build an nn4j model from the weights of a PyTorch nn.Sequential of Linear layers, saved with "
                + "safetensors (e.g. safetensors.torch.save_file(model.state_dict(), FILE)).",
            "Each Linear weight (units x inputs in PyTorch) is transposed to nn4j's inputs x units. Activations "
                + "have no weights, so name one per Linear layer with --activation."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--safetensors", required = true, paramLabel = "FILE",
            description = "The state_dict saved as safetensors (F32, F64, F16 or BF16 tensors).")
    private Path safetensors;

    @Option(names = "--activation", required = true, split = ",", paramLabel = "NAMES",
            description = "One activation per Linear layer, in order, comma-separated: relu, leaky_relu, "
                    + "leaky_relu(SLOPE), sigmoid, tanh, softmax or identity (for none). E.g. relu,relu,softmax.")
    private List<String> activations;

    @Option(names = {"--sizes", "--layers"}, split = ",", paramLabel = "SIZES",
            description = "The layer sizes, input first (e.g. 784,256,128,10), checked against the file. "
                    + "Default: whatever the file holds. (--layers is the old spelling.)")
    private List<Integer> layers = new ArrayList<>();

    @Option(names = "--precision", paramLabel = "P",
            description = "float32 or float64. Default: float64 for F64 tensors, float32 otherwise (with a warning"
                    + " when F64 tensors are among them).")
    private String precision;

    @Option(names = "--order", split = ",", paramLabel = "NAMES",
            description = "The Linear layers' name prefixes, first layer first (e.g. encoder,decoder), for files"
                    + " whose names have no numbers to order them by. Default: the order of the numbers in the names"
                    + " (0, 2, 4 or fc1, fc2).")
    private List<String> order = new ArrayList<>();

    @Option(names = "--save", required = true, paramLabel = "FILE", description = "Where to write the nn4j model.")
    private Path save;

    @Override
    public Integer call() throws IOException {
        RunFiles.requireNotAnInput(spec, "--save", save, safetensors);
        Deprecations.warn(spec, "--layers", "--sizes");
        List<Activation> chosen = new ArrayList<>();
        try {
            for (String name : activations) {
                chosen.add(Activations.byName(name));
            }
            if (precision != null) {
                Precision.byName(precision);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path folder = save.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), "--save: the folder " + folder + " does not exist");
        }
        Map<String, SafetensorsFile.Tensor> tensors = SafetensorsFile.read(safetensors);
        Network network = TorchSequential.toNetwork(tensors, layers, chosen, precision(tensors), order);
        Map<String, String> training = new LinkedHashMap<>();
        training.put("imported_from", safetensors.getFileName().toString());
        training.put("imported_format", "PyTorch nn.Sequential state_dict (safetensors)");
        ModelFile.write(new SavedModel(network, training), save);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Imported " + tensors.size() + " tensors from " + safetensors + ": " + network.describe());
        out.print(network.summary());
        out.println("Saved the model to " + save + ".");
        return 0;
    }

    /** The precision asked for; else float64 when every tensor is F64, float32 otherwise, saying what is lost. */
    private Precision precision(Map<String, SafetensorsFile.Tensor> tensors) {
        if (precision != null) {
            return Precision.byName(precision);
        }
        List<String> f64 = tensors.values().stream().filter(t -> t.dtype().equals("F64"))
                .map(SafetensorsFile.Tensor::name).toList();
        if (f64.size() == tensors.size()) {
            return Precision.FLOAT64;
        }
        if (!f64.isEmpty()) {
            spec.commandLine().getErr().println("nn4j: warning: " + safetensors + " mixes F64 tensors ("
                    + String.join(", ", f64) + ") with narrower ones; the model is float32, so the F64 values are"
                    + " rounded to float32 (--precision float64 keeps them)");
        }
        return Precision.FLOAT32;
    }
}

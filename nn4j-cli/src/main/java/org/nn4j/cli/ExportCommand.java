package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nn4j export MODEL --onnx OUT}: the model as an ONNX graph, for ONNX Runtime and other tools. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a saved model as an ONNX graph (opset " + OnnxExport.OPSET + "), for ONNX Runtime in "
                + "any language.",
            "The graph takes one input, 'input' [batch, features] (raw values: the saved standardisation is part of "
                + "the graph; categorical columns one-hot), and gives one output, 'output' [batch, outputs]: class "
                + "probabilities, or the value in the label's units."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model file saved by nn4j.")
    private Path model;

    @Option(names = "--onnx", required = true, paramLabel = "FILE", description = "Where to write the ONNX graph.")
    private Path onnx;

    @Override
    public Integer call() throws IOException {
        RunFiles.requireNotAnInput(spec, "--onnx", onnx, model);
        Path folder = onnx.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), "--onnx: the folder " + folder + " does not exist");
        }
        SavedModel saved = ModelFile.read(model);
        OnnxExport.write(saved, onnx);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + onnx + " (ONNX opset " + OnnxExport.OPSET + ", " + Files.size(onnx) + " bytes): "
                + saved.network().describe() + ".");
        int columns = saved.preprocessing() != null ? OnnxExport.inputColumns(saved.preprocessing()).size()
                : saved.network().inputs();
        out.println("Input '" + OnnxExport.INPUT + "': [batch, " + columns + "]"
                + (saved.preprocessing() != null ? ", columns " + String.join(", ",
                        OnnxExport.inputColumns(saved.preprocessing())) : "") + ".");
        out.println("Output '" + OnnxExport.OUTPUT + "': [batch, " + saved.network().outputs() + "]"
                + (saved.preprocessing() != null && saved.preprocessing().task().isClassification()
                        ? ", probabilities of " + String.join(", ", saved.preprocessing().label().classes()) : "")
                + ".");
        return 0;
    }
}

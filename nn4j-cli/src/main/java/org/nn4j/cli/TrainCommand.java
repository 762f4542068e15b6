package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nn4j.data.Dataset;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.SyntheticData;
import org.nn4j.data.Table;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.doctor.TrainingDoctor;
import org.nn4j.io.AtomicFile;
import org.nn4j.io.CheckpointFile;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Task;
import org.nn4j.nn.Activation;
import org.nn4j.nn.Activations;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Initializers;
import org.nn4j.nn.LeakyRelu;
import org.nn4j.nn.Network;
import org.nn4j.nn.Relu;
import org.nn4j.optim.Optimizer;
import org.nn4j.optim.Optimizers;
import org.nn4j.optim.Schedules;
import org.nn4j.random.RandomSource;
import org.nn4j.tensor.Precision;
import org.nn4j.train.EarlyStopping;
import org.nn4j.train.FitResult;
import org.nn4j.train.MiniBatchTrainer;
import org.nn4j.train.TrainingListener;
import org.nn4j.tutorial.GradientMethod;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code nn4j train}: train a network on a CSV file or a built-in data set, report test metrics, save it. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a network on a table of data: a CSV file with a header row (--data, --label) or a built-in set "
                    + "(--dataset). The task is inferred from the label column and printed; numeric columns are "
                    + "standardised and text columns one-hot encoded, with the statistics of the training rows, and "
                    + "all of it is saved with the model so that 'nn4j predict' takes raw rows.",
            "The rows are split (seeded, stratified by class) into training, validation and test sets. Each epoch "
                    + "prints the training and validation metrics; at the end the test set is scored once."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Nn4j parent;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Source source;

    static final class Source {
        @Option(names = "--data", paramLabel = "FILE.csv", required = true,
                description = "A CSV file with a header row.")
        Path data;

        @Option(names = "--dataset", paramLabel = "NAME", required = true,
                description = "A built-in set: moons, circles, spirals, blobs, or a logic gate (and, or, nand, nor, "
                        + "xor, xnor).")
        String dataset;
    }

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The column to predict (required with --data; built-in sets use 'label').")
    private String label;

    @Option(names = "--task", paramLabel = "TASK",
            description = "auto, binary, multiclass or regression. Default: auto (inferred from the label column).")
    private String task = "auto";

    @Option(names = "--test-data", paramLabel = "FILE.csv",
            description = "Score on this file instead of holding out --test of --data.")
    private Path testData;

    @Option(names = "--layers", paramLabel = "SIZES", split = ",",
            description = "Hidden layer sizes, e.g. 64,32; 0 for none. Default: 64.")
    private List<Integer> layers = List.of(64);

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Hidden activation: relu, leaky_relu, tanh, sigmoid, identity. Default: relu.")
    private String activation = "relu";

    @Option(names = "--init", paramLabel = "NAME",
            description = "Initial weights: he, xavier or normal. Default: he for relu and leaky_relu, else xavier.")
    private String init;

    @Option(names = "--dropout", paramLabel = "RATE",
            description = "Dropout rate after each hidden layer, while training. Default: 0.")
    private double dropout;

    @Option(names = "--precision", paramLabel = "P",
            description = "float64 or float32: how the weights and batches are stored (float32 is faster and "
                    + "smaller). Default: float64.")
    private String precision = "float64";

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd, momentum, nesterov, rmsprop, adam or adamw. Default: adam.")
    private String optimizer = "adam";

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate. Default: 0.001 for adam and adamw, 0.01 for the others.")
    private Double learningRate;

    @Option(names = "--momentum", paramLabel = "MU", description = "Momentum of momentum and nesterov. Default: 0.9.")
    private double momentum = 0.9;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = "Weight decay in the optimizer (decoupled for adamw). Default: 0 (adamw: 0.01).")
    private Double weightDecay;

    @Option(names = "--l2", paramLabel = "LAMBDA",
            description = "L2 penalty (LAMBDA/2)·Σ‖W‖² on the weight matrices. Default: 0.")
    private double l2;

    @Option(names = "--clip-norm", paramLabel = "MAX",
            description = "Clip the gradients' global norm to MAX before each step. Default: no clipping.")
    private double clipNorm;

    @Option(names = "--schedule", paramLabel = "SPEC",
            description = "constant, step[:SIZE:GAMMA], exponential[:GAMMA], cosine[:T_MAX:MIN_LR] or "
                    + "plateau[:FACTOR:PATIENCE]. Default: constant.")
    private String schedule = "constant";

    @Option(names = "--batch", paramLabel = "N", description = "Mini-batch size. Default: 32.")
    private int batch = 32;

    @Option(names = "--epochs", paramLabel = "N", description = "Most epochs to train. Default: 200.")
    private int epochs = 200;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop when the monitored metric has not improved for PATIENCE epochs, and keep the best "
                    + "weights; 0 turns it off. Default: 20.")
    private int patience = 20;

    @Option(names = "--monitor", paramLabel = "METRIC",
            description = "What early stopping watches: val_loss, val_accuracy, loss or accuracy. Default: val_loss "
                    + "(loss without a validation set).")
    private String monitor;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "Gradient: backprop, numerical or central. Default: backprop.")
    private String method = "backprop";

    @Option(names = "--test", paramLabel = "FRACTION", description = "Share of rows held out for the test. Default: 0.2.")
    private double testFraction = 0.2;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Share of rows held out for validation (early stopping). Default: 0.1.")
    private double validationFraction = 0.1;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of the split, the initial weights, shuffling and dropout. Default: 1.")
    private long seed = 1;

    @Option(names = "--samples", paramLabel = "N", description = "Rows of a built-in set. Default: 1000.")
    private int samples = 1000;

    @Option(names = "--noise", paramLabel = "SD",
            description = "Noise of a built-in set. Default: moons 0.1, circles 0.05, spirals 0.1, blobs 1.0.")
    private Double noise;

    @Option(names = "--classes", paramLabel = "K", description = "Classes of spirals and blobs. Default: 3.")
    private int classes = 3;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE.")
    private Path save;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Draw the learning curves, the network, the test confusion matrix and (for two numeric "
                    + "inputs) the decision boundary into DIR, as PNG and SVG.")
    private Path plot;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "local[*]", paramLabel = "MASTER",
            description = "Train on Apache Spark: synchronous data-parallel steps, equal to one machine up to summation"
                    + " order. Without MASTER an embedded local[*] Spark starts in this process; spark://… is passed"
                    + " through. Needs the nn4j-spark launcher (or spark-submit of its jar). Runs every --epochs:"
                    + " no early stopping or dropout.")
    private String spark;

    @Option(names = "--ui", description = "Watch the run live in the browser: starts a dashboard on this machine and"
            + " prints its address. Pause, resume and stop there (stop saves the model trained so far).")
    private boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT", description = "The dashboard's port; 0 for any free one."
            + " Default: 8765.")
    private int uiPort = 8765;

    @Option(names = "--ui-host", paramLabel = "ADDRESS", description = "The address the dashboard listens on."
            + " Default: 127.0.0.1 (this machine only); another address opens it to the network.")
    private String uiHost = "127.0.0.1";

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Save a checkpoint every N epochs, from which --resume continues. Ctrl-C always saves one "
                    + "after the current mini-batch (exit code 130). Default: 0 (only on Ctrl-C).")
    private int checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where checkpoints go. Default: the --save file with .ckpt added, else nn4j-train.ckpt.")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the run saved in CHECKPOINT, with the training options and data it started with"
                    + " (run from the same folder). Only --save, --checkpoint, --checkpoint-every, --plot, --ui,"
                    + " --ui-host, --ui-port, and --data, --dataset or --test-data to read the data from elsewhere,"
                    + " may be given with it; a checkpoint never sets where nn4j writes or what it listens on, so give"
                    + " --save again to keep the model. Checkpoints go to CHECKPOINT itself unless --checkpoint says"
                    + " otherwise. It ends with exactly the weights the run would have had without the interruption.")
    private Path resume;

    /** The checkpoint this run continues, when it was started by --resume. */
    private CheckpointFile.Saved resumed;

    /** The training options recorded in this run's checkpoints, when it continues a checkpoint's run. */
    private List<String> recordedCommand;

    @Override
    public Integer call() throws IOException {
        if (resume != null && resumed == null) {
            return resumeRun();
        }
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        Path checkpointFile = checkpointFile();
        try {
            RunFiles.check(Arrays.asList(source.data, testData, resume), save, checkpointFile, resume, plot);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        // A run without --save, --checkpoint or --checkpoint-every writes nn4j-train.ckpt only on Ctrl-C: it does
        // not lock it, so that such throwaway runs may share a folder.
        boolean ownsCheckpoint = checkpoint != null || save != null || checkpointEvery > 0 || resume != null;
        try (RunLock modelLock = save != null ? RunLock.take(RunFiles.real(save), "--save") : null;
                RunLock checkpointLock = ownsCheckpoint ? RunLock.take(RunFiles.real(checkpointFile), "--checkpoint")
                        : null) {
            removeStaleTemporaries(out, save);
            if (ownsCheckpoint) {
                removeStaleTemporaries(out, checkpointFile);
            }
            return train(out, checkpointFile);
        }
    }

    /** Deletes what an earlier write to {@code file} left when its process was killed (under the file's lock). */
    private static void removeStaleTemporaries(PrintWriter out, Path file) throws IOException {
        if (file != null) {
            for (Path stale : AtomicFile.removeStaleTemporaries(file)) {
                out.println("Removed " + stale.getFileName() + ", left by an earlier run that was killed.");
            }
        }
    }

    private int train(PrintWriter out, Path checkpointFile) throws IOException {
        Table table = loadTable();
        String labelColumn = label != null ? label : "label";
        int labelIndex = table.requireColumn(labelColumn, "label");
        Task chosenTask = task.equalsIgnoreCase("auto") ? Preprocessing.inferTask(table, labelIndex)
                : Task.byName(task);
        boolean tiny = table.rowCount() < 20;
        Split split = tiny ? new Split(table.allRows(), table.allRows(), new int[0])
                : Split.of(table, labelIndex, testData != null ? 0 : testFraction, validationFraction,
                        chosenTask.isClassification(), seed);
        Preprocessing prep = Preprocessing.fit(table, labelColumn, chosenTask, split.train());
        Table testTable = testData != null ? Table.readCsv(testData) : table;
        int[] testRows = testData != null ? testTable.allRows() : tiny ? split.train() : split.test();

        describeData(out, table, prep, task.equalsIgnoreCase("auto"));
        out.printf("Split (seed %d%s): %d training, %d validation, %d test rows%s%n", seed,
                chosenTask.isClassification() ? ", stratified" : "", split.train().length, split.validation().length,
                testRows.length, tiny ? " (fewer than 20 rows: all rows serve for each)"
                        : testData != null ? " (test rows from " + testData + ")" : "");

        Network network = buildNetwork(prep);
        out.print(network.summary());
        Optimizer opt = Optimizers.byName(optimizer,
                learningRate != null ? learningRate : Optimizers.defaultLearningRate(optimizer), momentum,
                weightDecay != null ? weightDecay : -1);
        Dataset validation = split.validation().length > 0 ? prep.encode(table, split.validation()) : null;
        MiniBatchTrainer.Builder builder = MiniBatchTrainer.builder(prep.task(), opt)
                .engine(GradientMethod.byName(method).engine(1e-5))
                .batchSize(batch).epochs(epochs).seed(seed)
                .schedule(Schedules.parse(schedule, epochs)).clipNorm(clipNorm).l2(l2);
        if (patience > 0 && spark == null) {
            String watched = monitor != null ? monitor : validation != null ? "val_loss" : "loss";
            builder.earlyStopping(EarlyStopping.on(watched, patience));
        }
        Map<String, String> record = new LinkedHashMap<>();
        CheckpointWriter checkpoints = new CheckpointWriter(checkpointFile,
                c -> new CheckpointFile.Saved(c, record, prep, command()), spec.commandLine().getErr());
        CtrlC ctrlC = CtrlC.catchUntilClosed(spec.commandLine().getErr());
        Dashboard dashboard = ui ? Dashboard.start(uiHost, uiPort, network, prep, table, split.train(),
                split.train().length, ctrlC::requested, out) : null;
        builder.stopWhen(() -> ctrlC.requested() || dashboard != null && dashboard.live().stopRequested())
                .checkpoints(checkpointEvery, checkpoints);
        MiniBatchTrainer trainer = builder.build();
        record.putAll(trainer.settings());
        record.put("data", source.data != null ? source.data.getFileName().toString() : source.dataset);
        out.println("Training: " + String.join(", ", describe(trainer.settings())));
        if (resumed != null) {
            out.println("Resuming from " + resume + ": " + resumed.checkpoint().position() + ".");
        }
        out.flush();

        Dataset train = prep.encode(table, split.train());
        long start = System.nanoTime();
        // The bar redraws one line of the terminal; System.console() is null when stdin or stdout is redirected.
        PrintWriter bar = System.console() != null ? out : null;
        FitResult result;
        GradientNorms gradientNorms = new GradientNorms();
        try (ctrlC) {
            TrainingListener listener = new ProgressPrinter(out, bar, epochs).andThen(gradientNorms);
            if (dashboard != null) {
                listener = listener.andThen(dashboard.live());
                dashboard.live().started("nn4j train: " + table.source() + ", " + network.describe(), epochs,
                        prep.task().isClassification() ? prep.label().classes() : List.of());
            }
            if (spark != null) {
                DistributedTraining cluster = DistributedTraining.find().orElseThrow(() -> new IllegalArgumentException(
                        "--spark needs the nn4j-spark module on the class path: run ./nn4j-spark instead of ./nn4j, or"
                                + " spark-submit the nn4j-spark jar"));
                // Under spark-submit the master is spark-submit's, which it leaves in this system property.
                String master = System.getProperty("spark.master", spark);
                out.println("Training on Spark (" + master + "): every mini-batch is one synchronous step over the"
                        + " cluster.");
                result = cluster.fit(master, network, train, prep.task(), opt, Schedules.parse(schedule, epochs),
                        batch, epochs, seed, clipNorm, listener);
            } else {
                result = resumed != null
                        ? trainer.resume(network, train, validation, listener, resumed.checkpoint())
                        : trainer.fit(network, train, validation, listener);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean stoppedFromPage = dashboard != null && dashboard.live().stopRequested() && !ctrlC.requested();
        if (stoppedFromPage) {
            out.println("Stopped from the dashboard after " + result.epochs() + " epochs; keeping the weights"
                    + " trained so far.");
        }
        if (result.stopReason().equals(FitResult.INTERRUPTED) && !stoppedFromPage) {
            if (checkpoints.lastFailure() != null) {
                throw new IOException("Interrupted after " + result.epochs() + " finished epochs, but no checkpoint"
                        + " could be saved: " + checkpoints.lastFailure().getMessage());
            }
            if (dashboard != null) {
                dashboard.close(List.of(), "stopped", "interrupted; a checkpoint was saved");
            }
            out.println();
            out.println("Interrupted after " + result.epochs() + " finished epochs. Saved a checkpoint to "
                    + checkpointFile + "; continue with: nn4j train --resume " + checkpointFile
                    + (save != null ? " --save " + save : "") + (plot != null ? " --plot " + plot : ""));
            out.flush();
            return ctrlC.exitCode();
        }
        reportStop(out, result, seconds);
        List<Diagnosis> diagnoses = TrainingDoctor.examine(network, train.inputs(), result.series("loss"),
                validation != null ? result.series("val_loss") : List.of(), gradientNorms.perEpoch(),
                result.stopReason().equals(FitResult.DIVERGED));
        DoctorReport.print(out, diagnoses);

        Evaluation evaluation = Evaluation.of(network, prep, testTable, testRows);
        if (testRows.length > 0) {
            out.println();
            out.printf("Test set (%d rows):%n", testRows.length);
            out.print(evaluation.format());
        }
        if (save != null) {
            Map<String, String> training = new LinkedHashMap<>(trainer.settings());
            training.put("data", source.data != null ? source.data.getFileName().toString() : source.dataset);
            training.put("label", labelColumn);
            training.put("split", split.train().length + " training, " + split.validation().length + " validation, "
                    + testRows.length + " test rows (seed " + seed + ")");
            training.put("epochs_trained", Integer.toString(result.epochs()));
            training.put("best_epoch", Integer.toString(result.bestEpoch()));
            training.put("stop_reason", result.stopReason());
            training.put("training_seconds", String.format(Locale.ROOT, "%.3f", seconds));
            evaluation.summary().forEach((k, v) -> training.put("test_" + k, v));
            if (!diagnoses.isEmpty()) {
                training.put("diagnoses", DoctorReport.json(diagnoses));
            }
            ModelFile.write(new SavedModel(network, training, prep, result.toSeries()), save);
            out.println();
            out.println("Saved the model to " + save + ".");
        }
        if (plot != null) {
            Pictures pictures = new Pictures(plot);
            pictures.history(result.toSeries());
            pictures.network(network);
            pictures.confusion(evaluation.confusion());
            pictures.boundary(network, prep, table, split.train());
            out.println();
            out.println("Drew " + pictures.written().size() / 2 + " pictures into " + plot + " (PNG and SVG): "
                    + names(pictures.written()) + ".");
        }
        out.flush();
        if (dashboard != null) {
            dashboard.finish(diagnoses, stoppedFromPage ? "stopped" : "finished", stoppedFromPage
                    ? "stopped after " + result.epochs() + " epochs; the model trained so far was kept"
                    : "trained " + result.epochs() + " epochs", parent != null ? parent.in() : System.in);
        }
        return 0;
    }

    /**
     * Continues the run in the checkpoint: its recorded training options (and data, unless given here) with this
     * command line's outputs. Recorded options that are not training maths are ignored, loudly: they would let a
     * file choose where nn4j writes or what it listens on. Ignoring them is as safe as refusing the file, and keeps
     * checkpoints of earlier nn4j versions, which recorded the whole command line, resumable.
     */
    private int resumeRun() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> notHere = RecordedOptions.others(spec.commandLine().getParseResult(),
                RecordedOptions.WITH_RESUME);
        if (!notHere.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues the run with the training options"
                    + " it started with, so " + String.join(", ", notHere) + " cannot be given with it; only "
                    + String.join(", ", RecordedOptions.WITH_RESUME.stream().sorted().toList()) + " can");
        }
        CheckpointFile.Saved saved = CheckpointFile.read(resume);
        if (saved.command().isEmpty()) {
            throw new IllegalArgumentException("The checkpoint " + resume + " does not record the command that"
                    + " started it (it was not written by nn4j train); continue it from Java with"
                    + " MiniBatchTrainer.resume");
        }
        CommandLine.ParseResult recorded;
        try {
            recorded = new CommandLine(new TrainCommand()).parseArgs(saved.command().toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalArgumentException("The checkpoint's command (nn4j train " + String.join(" ",
                    saved.command()) + ") no longer parses: " + e.getMessage());
        }
        List<String> ignored = RecordedOptions.others(recorded, RecordedOptions.TRAINING);
        if (!ignored.isEmpty()) {
            err.println("nn4j: warning: ignoring " + String.join(", ", ignored) + " recorded in " + resume + ": where"
                    + " nn4j writes, what it listens on and where it runs come from this command line, never from a"
                    + " file (give them here if wanted)");
            err.flush();
        }
        List<String> arguments = RecordedOptions.arguments(recorded, RecordedOptions.TRAINING);
        CommandLine.ParseResult here = spec.commandLine().getParseResult();
        if (source != null) {
            arguments = RecordedOptions.without(arguments, Set.of("--data", "--dataset"));
        }
        if (testData != null) {
            arguments = RecordedOptions.without(arguments, Set.of("--test-data"));
        }
        if (here.hasMatchedOption("--checkpoint-every")) {
            arguments = RecordedOptions.without(arguments, Set.of("--checkpoint-every"));
        }
        arguments = new ArrayList<>(arguments);
        arguments.addAll(RecordedOptions.arguments(here, Set.of("--data", "--dataset", "--test-data",
                "--checkpoint-every")));

        TrainCommand original = new TrainCommand();
        CommandLine cli = new CommandLine(original);
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(err);
        cli.parseArgs(arguments.toArray(String[]::new));
        List<Dense> layers = saved.checkpoint().weights().layers();
        List<Integer> hidden = layers.subList(0, layers.size() - 1).stream().map(Dense::units).toList();
        if (!original.layers.equals(hidden.isEmpty() ? List.of(0) : hidden)) {
            // Checked before the network is built, so that a recorded size cannot ask for more memory than the
            // file's own weights justify.
            throw new IllegalArgumentException("The checkpoint " + resume + " records --layers "
                    + original.layers.stream().map(String::valueOf).collect(Collectors.joining(",")) + " but holds"
                    + " weights of a " + saved.checkpoint().weights().describe() + " network; it was not written by"
                    + " nn4j train");
        }
        original.parent = parent;
        original.resume = resume;
        original.resumed = saved;
        original.recordedCommand = List.copyOf(arguments);
        original.save = save;
        original.plot = plot;
        original.ui = ui;
        original.uiHost = uiHost;
        original.uiPort = uiPort;
        original.checkpoint = checkpoint != null ? checkpoint : resume;
        spec.commandLine().getOut().println("Continuing: nn4j train " + String.join(" ", arguments)
                + (save != null ? " --save " + save : ""));
        if (save == null) {
            spec.commandLine().getOut().println("No --save given: the trained model will not be saved (the"
                    + " checkpoint keeps the progress).");
        }
        return original.call();
    }

    /** The training options after {@code train} on the command line, recorded in checkpoints for --resume. */
    private List<String> command() {
        if (recordedCommand != null) {
            return recordedCommand;
        }
        return RecordedOptions.arguments(spec.commandLine().getParseResult(), RecordedOptions.TRAINING);
    }

    private Path checkpointFile() {
        if (checkpoint != null) {
            return checkpoint;
        }
        return save != null ? Path.of(save + ".ckpt") : Path.of("nn4j-train.ckpt");
    }

    private void checkOptions() {
        if (source == null) {
            throw new ParameterException(spec.commandLine(), "Missing the data: give --data FILE.csv (with --label)"
                    + " or --dataset NAME, or --resume CHECKPOINT");
        }
        if (checkpointEvery < 0) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every takes a number of epochs of 1 or"
                    + " more (0 for only on Ctrl-C), got " + checkpointEvery);
        }
        if (spark != null && (resume != null || dropout > 0 || l2 > 0 || !method.equalsIgnoreCase("backprop") || ui
                || checkpointEvery > 0)) {
            throw new ParameterException(spec.commandLine(), "--spark does not yet combine with --resume, --dropout,"
                    + " --l2, --method other than backprop, --ui or --checkpoint-every");
        }
        if (plot != null && Files.exists(plot) && !Files.isDirectory(plot)) {
            throw new ParameterException(spec.commandLine(), "--plot: '" + plot + "' is a file, not a folder for"
                    + " pictures");
        }
        if (source.data != null && label == null) {
            throw new ParameterException(spec.commandLine(), "--data needs --label COLUMN: the column to predict");
        }
        if (batch < 1 || epochs < 1 || patience < 0 || samples < 1 || classes < 2) {
            throw new ParameterException(spec.commandLine(), "--batch, --epochs and --samples must be at least 1,"
                    + " --early-stopping at least 0 and --classes at least 2");
        }
        for (int size : layers) {
            if (size < 0 || size == 0 && layers.size() > 1) {
                throw new ParameterException(spec.commandLine(), "--layers takes positive sizes like 64,32 (or 0"
                        + " alone for no hidden layer), got " + layers);
            }
        }
        try {
            // Names are checked before any data is read, so a typo costs nothing and prints nothing else.
            Activations.byName(activation);
            if (init != null) {
                Initializers.byName(init);
            }
            Optimizers.defaultLearningRate(optimizer);
            Schedules.parse(schedule, epochs);
            GradientMethod.byName(method);
            Precision.byName(precision);
            if (!task.equalsIgnoreCase("auto")) {
                Task.byName(task);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Table loadTable() throws IOException {
        if (source.data != null) {
            if (Files.isDirectory(source.data)) {
                throw new IllegalArgumentException("The data file '" + source.data + "' is a folder");
            }
            return Table.readCsv(source.data);
        }
        double sd = noise != null ? noise : switch (source.dataset.toLowerCase(Locale.ROOT)) {
            case "circles" -> 0.05;
            case "blobs" -> 1.0;
            default -> 0.1;
        };
        return SyntheticData.byName(source.dataset, samples, classes, sd, seed);
    }

    private Network buildNetwork(Preprocessing prep) {
        Activation hidden = Activations.byName(activation);
        Network.Builder builder = Network.builder(prep.inputs()).precision(Precision.byName(precision));
        for (int size : layers) {
            if (size > 0) {
                builder.dense(size, hidden);
                if (dropout > 0) {
                    builder.dropout(dropout);
                }
            }
        }
        builder.dense(prep.outputs(), prep.task().outputActivation());
        String initializer = init != null ? init
                : hidden instanceof Relu || hidden instanceof LeakyRelu ? "he" : "xavier";
        return builder.build(Initializers.byName(initializer), RandomSource.seeded(seed));
    }

    private static void describeData(PrintWriter out, Table table, Preprocessing prep, boolean inferred) {
        out.printf("Data: %s, %d rows, %d columns%n", table.source(), table.rowCount(), table.columns().size());
        String task = prep.task().description();
        String detail = prep.task().isClassification()
                ? " with " + prep.label().classes().size() + " classes: " + abbreviate(prep.label().classes())
                : "";
        out.printf("Task: %s of '%s'%s (%s)%n", task, prep.label().name(), detail,
                inferred ? "inferred from the label column; --task to change" : "chosen with --task");
        int numeric = 0;
        int categorical = 0;
        for (FeatureColumn f : prep.features()) {
            if (f.isCategorical()) {
                categorical++;
            } else {
                numeric++;
            }
        }
        out.printf("Features: %d numeric (standardised), %d categorical (one-hot) → %d inputs%n", numeric,
                categorical, prep.inputs());
    }

    /** The picture names, once each: history, network, … */
    static String names(List<Path> files) {
        return String.join(", ", files.stream().map(f -> f.getFileName().toString().replaceAll("\\.[a-z]+$", ""))
                .distinct().toList());
    }

    private static String abbreviate(List<String> names) {
        String joined = String.join(", ", names);
        return joined.length() > 70 ? joined.substring(0, 67) + "..." : joined;
    }

    private static List<String> describe(Map<String, String> settings) {
        return settings.entrySet().stream()
                .filter(e -> !e.getKey().equals("task") && !e.getKey().equals("seed"))
                .map(e -> e.getKey().replace('_', ' ') + " " + e.getValue()).toList();
    }

    private static void reportStop(PrintWriter out, FitResult result, double seconds) {
        switch (result.stopReason()) {
            case FitResult.EARLY_STOPPING -> out.printf(Locale.ROOT,
                    "Stopped early after epoch %d: no improvement for the patience; kept the weights of epoch %d.%n",
                    result.epochs(), result.bestEpoch());
            case FitResult.DIVERGED -> out.printf(Locale.ROOT,
                    "Training diverged in epoch %d (the loss was no longer a finite number): kept the weights from "
                            + "before it. Try a smaller --lr or --clip-norm.%n", result.epochs() + 1);
            default -> out.printf(Locale.ROOT, "Trained %d epochs; kept the weights of epoch %d.%n", result.epochs(),
                    result.bestEpoch());
        }
        out.printf(Locale.ROOT, "Training took %.2f s.%n", seconds);
    }
}

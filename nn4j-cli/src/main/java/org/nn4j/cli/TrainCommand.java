package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
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
import org.nn4j.data.ColumnNotes;
import org.nn4j.data.FeatureColumn;
import org.nn4j.data.Preprocessing;
import org.nn4j.data.Split;
import org.nn4j.data.Table;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.doctor.GradientNorms;
import org.nn4j.grad.GradientMethod;
import org.nn4j.io.AtomicFile;
import org.nn4j.io.CheckpointFile;
import org.nn4j.io.Json;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.metrics.Evaluation;
import org.nn4j.nn.ClassWeights;
import org.nn4j.nn.Dense;
import org.nn4j.nn.Network;
import org.nn4j.recipe.ClusterPlan;
import org.nn4j.recipe.ClusterTraining;
import org.nn4j.recipe.CrossValidated;
import org.nn4j.recipe.CrossValidation;
import org.nn4j.recipe.Estimator;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;
import org.nn4j.recipe.RecipeBuilder;
import org.nn4j.tensor.Kernels;
import org.nn4j.train.Validation;
import org.nn4j.train.FitResult;
import org.nn4j.train.GradientStep;
import org.nn4j.train.TrainingListener;
import org.nn4j.train.TrainingLoop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

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

    /** With --spark, the training rows that come to this machine for the pictures and the dashboard, at most. */
    static final int SAMPLE_ROWS = 1000;

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private Nn4j parent;

    @Mixin
    private DataOptions data = new DataOptions();

    @Mixin
    private NetworkOptions network = new NetworkOptions();

    @Mixin
    private OptimizerOptions optimizer = new OptimizerOptions();

    @Mixin
    private LoopOptions loop = new LoopOptions();

    @Mixin
    private ReportOptions report = new ReportOptions();

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE.")
    private Path save;

    @Option(names = "--folds", paramLabel = "K",
            description = "Cross-validate first: K folds (stratified for classification) of the rows left after the"
                    + " test rows are held out, each scored by a network trained on the others; prints each fold and"
                    + " every metric's mean ± sample standard deviation, then trains the final model on all of those"
                    + " rows. The folds train at once, one per thread.")
    private Integer folds;

    @Option(names = "--json", description = "With --folds: print one JSON object (the folds, their summary and the"
            + " final model's test metrics) instead of the report.")
    private boolean json;

    @Option(names = "--from", paramLabel = "MODEL",
            description = "Start from the weights of a model saved by nn4j train (a warm start) instead of random"
                    + " ones; the data and options must make the same network.")
    private Path from;

    @Option(names = "--plot", paramLabel = "DIR",
            description = "Draw the learning curves, the network, the test confusion matrix and (for two numeric "
                    + "inputs) the decision boundary into DIR, as PNG and SVG.")
    private Path plot;

    @Option(names = "--spark", arity = "0..1", fallbackValue = "local[*]", paramLabel = "MASTER",
            description = "Train on Apache Spark: every mini-batch is one synchronous step over the cluster, equal to"
                    + " one machine up to summation order; every other option works as without it. Without MASTER an"
                    + " embedded local[*] Spark starts in this process; spark://… is passed through. Needs Spark on"
                    + " the class path (./nn4j finds it, or spark-submit the nn4j-spark-submit jar).")
    private String spark;

    @Option(names = "--verbose", description = "With --spark, show Apache Spark's own log messages too (off by"
            + " default).")
    private boolean verbose;

    @Option(names = "--split", paramLabel = "RULE",
            description = "How rows are split into training, validation and test: stratified (shuffled within each"
                    + " class, the default) or hash (each row by a hash of its position and the seed, as --spark"
                    + " always splits, so that one machine trains on the same rows as Spark).")
    private String splitRule = "stratified";

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
            description = "Save a checkpoint every N epochs, and one after the last, from which --resume continues"
                    + " (or extends the run). Ctrl-C, or SIGTERM from docker stop or a scheduler, always saves one"
                    + " after the current mini-batch (exit code 130, or 143 after SIGTERM). Default: 0 (only on a"
                    + " signal).")
    private int checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Where checkpoints go. Default: the --save file with .ckpt added, else nn4j-train.ckpt.")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue the run saved in CHECKPOINT, with the training options and data it started with"
                    + " (run from the same folder). Only --save, --checkpoint, --checkpoint-every, --plot, --ui,"
                    + " --ui-host, --ui-port, --spark, --threads, --quiet, --every, --epochs (the total to train to, which"
                    + " extends a finished run), and --data, --dataset or --test-data to read the data from elsewhere,"
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
        // With --json, only the one object at the end reaches standard output.
        PrintWriter out = json ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getOut();
        Recipe recipe = checkOptions();
        Path checkpointFile = checkpointFile();
        try {
            RunFiles.check(Arrays.asList(data.source.data, data.testData, resume), save, checkpointFile, resume, plot);
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
            return train(out, recipe, checkpointFile);
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

    private int train(PrintWriter out, Recipe recipe, Path checkpointFile) throws IOException {
        SavedModel warmStart = from != null ? ModelFile.read(from) : null;
        if (spark != null) {
            try (ClusterPlan cluster = openCluster(recipe, out)) {
                return train(out, recipe, checkpointFile, warmStart, null, cluster);
            }
        }
        Table table = data.load(recipe.seed());
        Plan plan = new Estimator(recipe).plan(table, data.labelColumn(), data.loadTest(), hashedSplit());
        return train(out, recipe, checkpointFile, warmStart, plan, null);
    }

    /**
     * Trains on the rows of {@code plan}, in memory, or of {@code cluster}, which never come here: then the table
     * in reports, pictures and the dashboard is a sample of its training rows.
     */
    private int train(PrintWriter out, Recipe recipe, Path checkpointFile, SavedModel warmStart, Plan plan,
            ClusterPlan cluster) throws IOException {
        Table table = plan != null ? plan.table() : cluster.sample(SAMPLE_ROWS);
        Preprocessing prep = plan != null ? plan.preprocessing() : cluster.preprocessing();
        Split split = plan != null ? plan.split() : new Split(table.allRows(), new int[0], new int[0]);
        long trainRows = plan != null ? split.train().length : cluster.trainRows();
        long validationRows = plan != null ? split.validation().length : cluster.validationRows();
        long testRows = plan != null ? plan.testRows().length : cluster.testRows();
        boolean tiny = plan != null ? plan.tiny() : cluster.rows() < Estimator.TINY_TABLE;
        // What the run is about to do; --quiet keeps only the result.
        PrintWriter preamble = report.quiet ? new PrintWriter(Writer.nullWriter()) : out;
        if (plan != null) {
            describeData(preamble, table, prep, plan.taskInferred());
            ColumnNotes.of(table, prep, split.train()).forEach(preamble::println);
        } else {
            describeData(preamble, cluster.source(), cluster.rows(), cluster.columns(), prep,
                    cluster.taskInferred());
        }
        preamble.printf("Split (seed %d%s): %d training, %d validation, %d test rows%s%n", recipe.seed(),
                plan == null || hashedSplit() ? ", hashed" : prep.task().isClassification() ? ", stratified" : "",
                trainRows, validationRows, testRows, tiny ? " (fewer than 20 rows: all rows serve for each)"
                        : data.testData != null ? " (test rows from " + data.testData + ")" : "");

        ClassWeights classWeights;
        try {
            classWeights = plan != null ? plan.classWeights() : cluster.classWeights();
        } catch (IllegalArgumentException e) {
            // Only the data tell how many classes there are; a list that does not fit them is still a wrong option.
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (classWeights != null) {
            preamble.println("Class weights (" + (recipe.classWeight().equals("balanced")
                    ? "balanced, from the training rows" : "as given") + "): "
                    + named(classWeights, prep.label().classes()));
        }

        Network net = plan != null ? plan.network() : recipe.network(prep);
        if (warmStart != null) {
            WarmStart.apply(warmStart, from, net, prep);
            preamble.println("Starting from the weights of " + from + ".");
        }
        preamble.print(net.summary());
        CrossValidated crossValidated = folds != null ? crossValidate(out, recipe, plan) : null;
        CtrlC ctrlC = CtrlC.catchUntilClosed(spec.commandLine().getErr());
        Dashboard dashboard = ui ? Dashboard.start(uiHost, uiPort, net, prep, table, split.train(),
                Math.toIntExact(trainRows), ctrlC::requested, out) : null;
        Map<String, String> record = new LinkedHashMap<>();
        CheckpointWriter checkpoints = new CheckpointWriter(checkpointFile,
                c -> new CheckpointFile.Saved(c, record, prep, command()), spec.commandLine().getErr());
        TrainingLoop trainer = (plan != null ? plan.loop() : cluster.loop())
                .stopWhen(() -> ctrlC.requested() || dashboard != null && dashboard.live().stopRequested())
                .checkpoints(checkpointEvery, checkpoints).build();
        record.putAll(trainer.describe());
        record.put("data", data.dataName());
        // On Spark the executors compute the gradients; this machine's threads only apply the updates.
        preamble.println("Training: " + String.join(", ", describe(trainer.describe())) + (spark != null ? ""
                : ", " + Kernels.threads() + (Kernels.threads() == 1 ? " thread" : " threads")));
        if (resumed != null) {
            preamble.println("Resuming from " + resume + ": " + resumed.checkpoint().position() + ".");
        }
        out.flush();

        long start = System.nanoTime();
        ProgressPrinter progress = report.quiet ? null : new ProgressPrinter(out, terminal(),
                parent != null ? parent.clock() : System::nanoTime, recipe.epochs(),
                report.every != null ? report.every : 1, recipe.patience() > 0);
        FitResult result;
        GradientNorms gradientNorms = new GradientNorms();
        try (ctrlC; GradientStep step = plan != null ? trainer.localStep(plan.train())
                : cluster.step(trainer.settings())) {
            TrainingListener listener = (progress != null ? progress : TrainingListener.NONE).andThen(gradientNorms);
            if (dashboard != null) {
                listener = listener.andThen(dashboard.live());
                dashboard.live().started("nn4j train: " + table.source() + ", " + net.describe(), recipe.epochs(),
                        prep.task().isClassification() ? prep.label().classes() : List.of());
            }
            Validation validation = plan != null ? validation(plan, trainer)
                    : cluster.validation(trainer.settings());
            result = resumed != null
                    ? trainer.resumeMeasured(net, step, validation, listener, resumed.checkpoint())
                    : trainer.fitMeasured(net, step, validation, listener);
        }
        if (progress != null) {
            progress.finish(result);
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
                    + (save != null ? " --save " + save : "") + (plot != null ? " --plot " + plot : "")
                    + (spark != null ? " --spark '" + spark + "'" : ""));
            out.flush();
            return ctrlC.exitCode();
        }
        reportStop(out, result, seconds);
        Fitted fitted = plan != null ? plan.finish(result, gradientNorms) : null;
        List<Diagnosis> diagnoses = plan != null ? fitted.diagnoses()
                : cluster.diagnose(net, result, gradientNorms, table);
        DoctorReport.print(out, diagnoses, spec);

        Evaluation evaluation = plan != null ? fitted.test() : cluster.test(net);
        if (testRows > 0) {
            out.println();
            out.printf("Test set (%d rows):%n", testRows);
            out.print(evaluation.format());
        }
        if (save != null) {
            Map<String, String> training = new LinkedHashMap<>(trainer.describe());
            training.put("data", data.dataName());
            training.put("label", data.labelColumn());
            training.put("split", trainRows + " training, " + validationRows + " validation, " + testRows
                    + " test rows (seed " + recipe.seed() + (plan == null || hashedSplit() ? ", hashed" : "") + ")");
            training.put("epochs_trained", Integer.toString(result.epochs()));
            training.put("best_epoch", Integer.toString(result.bestEpoch()));
            training.put("stop_reason", result.stopReason());
            training.put("training_seconds", String.format(Locale.ROOT, "%.3f", seconds));
            if (plan != null && !hashedSplit()) {
                // The digest needs every row here; evaluate then finds the test rows of a stratified split again.
                TrainingRows.record(training, table, recipe, data.testData != null);
            }
            if (from != null) {
                training.put("started_from", Origin.of(from));
            }
            evaluation.summary().forEach((k, v) -> training.put("test_" + k, v));
            if (crossValidated != null) {
                training.putAll(FoldsReport.record(crossValidated));
            }
            if (!diagnoses.isEmpty()) {
                training.put("diagnoses", DoctorReport.json(diagnoses, spec));
            }
            ModelFile.write(new SavedModel(net, training, prep, result.toSeries()), save);
            out.println();
            out.println("Saved the model to " + save + ".");
        }
        if (plot != null) {
            Pictures pictures = new Pictures(plot);
            pictures.history(result.toSeries(), result.stopReason());
            pictures.network(net, prep, plan != null ? plan.train().inputs()
                    : prep.encodeInputs(table, table.allRows()));
            pictures.confusion(evaluation.confusion());
            pictures.boundary(net, prep, table, split.train());
            out.println();
            out.println("Drew " + pictures.written().size() / 2 + " pictures into " + plot + " (PNG and SVG): "
                    + names(pictures.written()) + ".");
        }
        out.flush();
        if (json) {
            Map<String, Object> object = FoldsReport.json(crossValidated);
            object.put("test", testRows > 0 ? evaluation.toMap() : null);
            object.put("saved", save != null ? save.toString() : null);
            spec.commandLine().getOut().println(Json.write(object));
            spec.commandLine().getOut().flush();
        }
        if (dashboard != null) {
            dashboard.finish(diagnoses, stoppedFromPage ? "stopped" : "finished", stoppedFromPage
                    ? "stopped after " + result.epochs() + " epochs; the model trained so far was kept"
                    : "trained " + result.epochs() + " epochs", parent != null ? parent.in() : System.in);
        }
        return 0;
    }

    /** Cross-validates the recipe on the plan's training and validation rows and prints what each fold scored. */
    private CrossValidated crossValidate(PrintWriter out, Recipe recipe, Plan plan) {
        CrossValidation cv = new CrossValidation(recipe, folds);
        int rows = plan.split().train().length + (plan.tiny() ? 0 : plan.split().validation().length);
        out.println();
        out.printf("Cross-validation (%d folds%s, seed %d) on the %d training and validation rows%s; %d %s at"
                + " once, each on 1 thread%n", folds, plan.preprocessing().task().isClassification() ? ", stratified"
                : "", recipe.seed(), rows, plan.testTable() != plan.table() ? ", the test rows from "
                + plan.testTable().source() : plan.tiny() ? "" : ", the test rows kept out", cv.foldsAtOnce(), cv.foldsAtOnce() == 1 ? "fold" : "folds");
        out.flush();
        long start = System.nanoTime();
        CrossValidated result = cv.run(plan);
        FoldsReport.print(out, result);
        out.printf(Locale.ROOT, "Cross-validation took %.2f s. Now the final model, on the same %d rows (%d"
                + " training, %d validation):%n%n", (System.nanoTime() - start) / 1e9, rows,
                plan.split().train().length, plan.split().validation().length);
        out.flush();
        return result;
    }

    /**
     * The recipe planned on the Spark cluster --spark names: the rows are read, split and prepared there and stay
     * there.
     */
    private ClusterPlan openCluster(Recipe recipe, PrintWriter out) {
        ClusterTraining cluster = ClusterTraining.find().map(found -> found.verbose(verbose))
                .orElseThrow(() -> new IllegalArgumentException(
                "--spark needs Spark on the class path: run ./nn4j from a source checkout (it builds nn4j with"
                        + " Spark), or spark-submit the nn4j-spark-submit jar"));
        if (data.source.data == null) {
            throw new ParameterException(spec.commandLine(), "--spark reads the table on the cluster: give it as"
                    + " --data PATH (any path Spark reads), not --dataset " + data.source.dataset + "; write a"
                    + " built-in set out with nn4j data " + data.source.dataset + " --out FILE.csv");
        }
        // Under spark-submit the master is spark-submit's, which it leaves in this system property.
        String master = System.getProperty("spark.master", spark);
        out.println("Training on Spark (" + master + "): the executors read, split and prepare the rows and compute"
                + " every mini-batch's gradient in one synchronous step.");
        out.flush();
        return cluster.open(master, data.source.data.toString(), data.testData != null ? data.testData.toString()
                : null, data.labelColumn(), recipe);
    }

    /** The validation rows of a plan in memory, measured by the loop's loss; null for none. */
    private static Validation validation(Plan plan, TrainingLoop trainer) {
        return plan.validation() == null ? null
                : Validation.of(plan.validation(), trainer.settings().task(), trainer.settings().loss());
    }

    /** --split hash, or --spark, which always splits so. */
    private boolean hashedSplit() {
        return splitRule.equals("hash");
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
                    + " TrainingLoop.resume");
        }
        CommandLine.ParseResult recorded;
        try {
            // '@FILE' would make picocli read FILE as more arguments: a checkpoint could read any file into the
            // error message, or block on a pipe or /dev/zero. A record is a list of arguments, never a file name.
            recorded = new CommandLine(new TrainCommand()).setExpandAtFiles(false)
                    .parseArgs(saved.command().toArray(String[]::new));
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
        if (data.source != null) {
            arguments = RecordedOptions.without(arguments, Set.of("--data", "--dataset"));
        }
        if (data.testData != null) {
            arguments = RecordedOptions.without(arguments, Set.of("--test-data"));
        }
        if (here.hasMatchedOption("--checkpoint-every")) {
            arguments = RecordedOptions.without(arguments, Set.of("--checkpoint-every"));
        }
        if (here.hasMatchedOption("--epochs")) {
            arguments = RecordedOptions.without(arguments, Set.of("--epochs"));
        }
        for (int i = 0; i + 1 < arguments.size(); i += 2) {
            // A file may name the data it was trained on (the data's checksum must then match), but never make the
            // resumed run read whatever arrives on standard input.
            if (Set.of("--data", "--test-data").contains(arguments.get(i)) && arguments.get(i + 1).strip().equals("-")) {
                throw new IllegalArgumentException("The checkpoint " + resume + " records standard input ('-') as"
                        + " its " + arguments.get(i) + "; give the file with --resume: nn4j train --resume " + resume
                        + " " + arguments.get(i) + " FILE.csv");
            }
        }
        arguments = new ArrayList<>(arguments);
        arguments.addAll(RecordedOptions.arguments(here, RecordedOptions.FROM_THIS_COMMAND_LINE));

        TrainCommand original = new TrainCommand();
        CommandLine cli = new CommandLine(original).setExpandAtFiles(false);
        cli.setOut(spec.commandLine().getOut());
        cli.setErr(err);
        cli.parseArgs(arguments.toArray(String[]::new));
        if (original.network.precision == null) {
            // Written before float32 was the default, a float64 run records no --precision; its weights say it.
            original.network.precision = saved.checkpoint().weights().precision().id();
        }
        List<Dense> layers = saved.checkpoint().weights().layers();
        List<Integer> held = layers.subList(0, layers.size() - 1).stream().map(Dense::units).toList();
        List<Integer> recordedHidden = original.network.hidden != null ? original.network.hidden
                : Recipe.defaults().hidden();
        if (!(recordedHidden.equals(List.of(0)) ? List.<Integer>of() : recordedHidden).equals(held)) {
            // Checked before the network is built, so that a recorded size cannot ask for more memory than the
            // file's own weights justify.
            throw new IllegalArgumentException("The checkpoint " + resume + " records --hidden "
                    + recordedHidden.stream().map(String::valueOf).collect(Collectors.joining(",")) + " but holds"
                    + " weights of a " + saved.checkpoint().weights().describe() + " network; it was not written by"
                    + " nn4j train");
        }
        original.parent = parent;
        original.resume = resume;
        original.resumed = saved;
        original.recordedCommand = RecordedOptions.without(arguments, Set.of("--threads"));
        original.save = save;
        original.plot = plot;
        original.ui = ui;
        original.uiHost = uiHost;
        original.uiPort = uiPort;
        original.spark = spark;
        original.verbose = verbose;
        original.report = report;
        original.checkpoint = checkpoint != null ? checkpoint : resume;
        try {
            original.checkOptions();
        } catch (ParameterException e) {
            // The resumed run's own command line is not the user's: name theirs, nn4j train, in the hint.
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
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

    /** Where standard output goes: a terminal of some width, or a file or pipe. */
    private Terminal terminal() {
        return parent != null ? parent.terminal() : Terminal.detect(System.getenv());
    }

    private Path checkpointFile() {
        if (checkpoint != null) {
            return checkpoint;
        }
        return save != null ? Path.of(save + ".ckpt") : Path.of("nn4j-train.ckpt");
    }

    /** Checks every option before any data is read, so a typo costs nothing and prints nothing else. */
    private Recipe checkOptions() {
        if (data.source == null) {
            throw new ParameterException(spec.commandLine(), "Missing the data: give --data FILE.csv (with --label)"
                    + " or --dataset NAME, or --resume CHECKPOINT");
        }
        report.check(spec);
        if (checkpointEvery < 0) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every takes a number of epochs of 1 or"
                    + " more (0 for only on Ctrl-C), got " + checkpointEvery);
        }
        if (uiPort < 0 || uiPort > 65_535) {
            throw new ParameterException(spec.commandLine(), "--ui-port takes a port from 0 (any free one) to 65535,"
                    + " got " + uiPort);
        }
        if (plot != null && Files.exists(plot) && !Files.isDirectory(plot)) {
            throw new ParameterException(spec.commandLine(), "--plot: '" + plot + "' is a file, not a folder for"
                    + " pictures");
        }
        if (data.source.data != null && data.label == null) {
            throw new ParameterException(spec.commandLine(), "--data needs --label COLUMN: the column to predict");
        }
        try {
            data.check();
            checkFolds();
            RecipeBuilder recipe = Recipe.builder();
            data.applyTo(recipe);
            network.applyTo(recipe, spec);
            optimizer.applyTo(recipe);
            loop.applyTo(recipe);
            loop.applyThreads();
            Recipe checked = recipe.build();
            if (checked.optimizer().equalsIgnoreCase("lbfgs") && loop.batch != null) {
                throw new IllegalArgumentException("--optimizer lbfgs takes one batch of all training rows; leave out"
                        + " --batch " + loop.batch);
            }
            if (!splitRule.equals("stratified") && !splitRule.equals("hash")) {
                throw new IllegalArgumentException("--split takes stratified or hash, got '" + splitRule + "'");
            }
            if (spark != null && splitRule.equals("stratified")
                    && spec.commandLine().getParseResult().hasMatchedOption("--split")) {
                throw new IllegalArgumentException("--spark splits the rows by hash on the executors; leave out"
                        + " --split stratified");
            }
            if (spark != null && checked.method() != GradientMethod.BACKPROP) {
                throw new IllegalArgumentException("--spark computes the gradient by backprop; leave out --method "
                        + checked.method().label());
            }
            return checked;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** --folds takes 2 or more, runs here, not on Spark; --json reports the folds, so it needs them. */
    private void checkFolds() {
        if (folds != null && folds < 2) {
            throw new IllegalArgumentException("--folds takes a number of folds of 2 or more, got " + folds);
        }
        if (folds != null && spark != null) {
            throw new IllegalArgumentException("--folds cross-validates on this machine's cores; leave out --spark or"
                    + " --folds");
        }
        if (json && folds == null) {
            throw new IllegalArgumentException("--json prints the cross-validation as one object; give --folds K"
                    + " with it");
        }
    }

    private static void describeData(PrintWriter out, Table table, Preprocessing prep, boolean inferred) {
        describeData(out, table.source(), table.rowCount(), table.columns().size(), prep, inferred);
    }

    private static void describeData(PrintWriter out, String source, long rows, int columns, Preprocessing prep,
            boolean inferred) {
        out.printf("Data: %s, %d rows, %d columns%n", source, rows, columns);
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
        out.printf("Features: %d numeric (standardised), %d categorical (one-hot)%s → %d inputs%n", numeric,
                categorical, prep.indicators() > 0 ? ", " + prep.indicators() + " missing indicators" : "",
                prep.inputs());
        if (!prep.task().isClassification()) {
            out.printf("Units: the epoch losses are the MSE of the standardised '%s' ((value − %s) / %s); the test"
                    + " scores are in its own units.%n", prep.label().name(), Format.number(prep.label().mean()),
                    Format.number(prep.label().scale()));
        }
    }

    /** E.g. {@code common: 0.526316, rare: 10}. */
    private static String named(ClassWeights weights, List<String> classes) {
        String[] parts = weights.describe().split(",");
        List<String> named = new ArrayList<>();
        for (int c = 0; c < parts.length; c++) {
            named.add(classes.get(c) + ": " + parts[c]);
        }
        return abbreviate(named);
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
        out.println(Format.trainingTook(seconds));
    }
}

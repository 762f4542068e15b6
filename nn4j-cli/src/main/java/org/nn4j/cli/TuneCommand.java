package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.nn4j.data.Table;
import org.nn4j.io.AtomicFile;
import org.nn4j.io.Json;
import org.nn4j.io.ModelFile;
import org.nn4j.io.SavedModel;
import org.nn4j.recipe.Fitted;
import org.nn4j.recipe.Plan;
import org.nn4j.recipe.Recipe;
import org.nn4j.recipe.RecipeBuilder;
import org.nn4j.recipe.search.CrossValidationScorer;
import org.nn4j.recipe.search.HoldoutScorer;
import org.nn4j.recipe.search.HyperparameterSearch;
import org.nn4j.recipe.search.LocalTrialRunner;
import org.nn4j.recipe.search.Rung;
import org.nn4j.recipe.search.SearchResult;
import org.nn4j.recipe.search.SearchSpace;
import org.nn4j.recipe.search.SuccessiveHalving;
import org.nn4j.recipe.search.TrialResult;
import org.nn4j.recipe.search.TrialScorer;
import org.nn4j.tensor.Kernels;
import org.nn4j.tensor.Precision;
import org.nn4j.train.FitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code nn4j tune}: a hyperparameter search on a table, its results ranked, the winner refitted and saved. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Search for good settings on a table (--data, --label) or a built-in set (--dataset): random search with"
                    + " successive halving. Trial 1 is nn4j's default recipe; trials 2 to 5 are next to it (twice the"
                    + " units, L2 1e-4, both, three times the learning rate); the others draw the learning rate"
                    + " (the optimizer's default ×0.1 to ×10), 1 or 2 hidden layers of 16 to 256 units, the activation (relu,"
                    + " leaky_relu, tanh), dropout (0 to 0.5), L2 (none or 1e-6 to 1e-2), the batch size (16 to 128),"
                    + " the optimizer (adam, adamw, rmsprop, nesterov) and the initialiser (he, xavier).",
            "Every trial trains for the first rung's epochs; the best 1/eta go on to a rung eta times longer, up to"
                    + " --epochs (by default rungs of 10, 30, 90 and 200 epochs, eta 3), each with early stopping."
                    + " Trials are scored by 5-fold cross-validation on a table of at most 2000 rows, else on the"
                    + " validation rows (--folds), and run several at once, one thread each; the same"
                    + " --seed gives the same trials and the same winner on any number of threads. The winner is"
                    + " refitted, scored once on the test rows and, with --save, saved with its settings.",
            "Trial 1 (the defaults, with --epochs, --early-stopping and --seed as given) goes on to every rung, so"
                    + " the winner is never worse than the defaults on the rows it is scored on."})
final class TuneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOptions data = new DataOptions();

    @Option(names = "--trials", paramLabel = "N", description = "Trials to draw (trial 1: the defaults). Default: 20.")
    private int trials = 20;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of the last rung. Default: 200.")
    private Integer epochs;

    @Option(names = "--min-epochs", paramLabel = "N", description = "Epochs of the first rung. Default: 10 (or"
            + " --epochs when fewer).")
    private Integer minEpochs;

    @Option(names = "--eta", paramLabel = "N", description = "Each rung keeps the best 1/N of its trials and trains"
            + " them N times longer. Default: 3.")
    private int eta = SuccessiveHalving.DEFAULT_ETA;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", description = "Each trial stops when its validation"
            + " loss has not improved for PATIENCE epochs, and keeps its best weights; 0 turns it off. Default: 20.")
    private Integer patience;

    @Option(names = "--folds", paramLabel = "K|auto|off", description = "Score each trial by K-fold cross-validation"
            + " of the training and validation rows (stratified for classes) instead of by the validation rows alone:"
            + " K runs per trial, a steadier ranking on a small table. auto: " + CrossValidationScorer.DEFAULT_FOLDS
            + " folds for a table of at most " + CrossValidationScorer.SMALL_TABLE_ROWS + " rows, else off; off: the"
            + " validation rows. Default: auto.")
    private String folds = "auto";
    /** {@link #folds} read: null for auto, 0 for off, else the number of folds. */
    private Integer foldsAsked;

    @Option(names = "--class-weight", paramLabel = "WEIGHTS", description = "How much each class counts in every"
            + " trial's loss and score, as for train: none, balanced or one weight per class. Default: none.")
    private String classWeight;

    @Option(names = "--precision", paramLabel = "P", description = "float32 or float64: how every trial stores its"
            + " weights and batches, as for train. Default: float32.")
    private String precision;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the trials' settings, the split, the"
            + " initial weights, shuffling and dropout. Default: 1.")
    private Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Trials to train at once, each on one thread. The"
            + " results come out the same for any number. Default: every processor.")
    private Integer threads;

    @Option(names = "--json", description = "Print one JSON object (the ranked trials and the winner's test"
            + " metrics) instead of the report.")
    private boolean json;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the refitted winner to FILE, its training"
            + " record naming the search and the trial's settings.")
    private Path save;

    @Override
    public Integer call() throws IOException {
        Recipe base = checkOptions();
        SuccessiveHalving halving = new SuccessiveHalving(minEpochs != null ? minEpochs
                : Math.min(SuccessiveHalving.DEFAULT_MIN_EPOCHS, base.epochs()), base.epochs(), eta);
        HyperparameterSearch search = new HyperparameterSearch(base, SearchSpace.DEFAULT, halving, trials);
        int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PrintWriter out = spec.commandLine().getOut();
        // --json prints one object at the end and nothing before it.
        PrintWriter report = json ? new PrintWriter(Writer.nullWriter()) : out;

        try (RunLock modelLock = save != null ? RunLock.take(RunFiles.real(save), "--save") : null) {
            if (save != null) {
                AtomicFile.removeStaleTemporaries(save);
            }
            Table table = data.load(base.seed());
            Table testTable = data.loadTest();
            int foldCount = foldsAsked != null ? foldsAsked : CrossValidationScorer.defaultFolds(table.rowCount());
            TrialScorer scorer = foldCount > 0
                    ? new CrossValidationScorer(table, data.labelColumn(), testTable, foldCount)
                    : new HoldoutScorer(table, data.labelColumn(), testTable);
            report.printf("Data: %s, %d rows, %d columns%n", table.source(), table.rowCount(), table.columns().size());
            report.printf(Locale.ROOT, "Search: %d trials, rungs of %s epochs (eta %d: each rung's best 1/%d and"
                    + " trial 1, the defaults, go on), early stopping %s%s, %d trials at once, seed %d%n", trials,
                    TuneTable.joined(halving.rungs()), eta, eta,
                    base.patience() > 0 ? "after " + base.patience() + " epochs without improvement" : "off",
                    scoredBy(foldCount, table.rowCount()),
                    parallel, base.seed());
            report.flush();

            long start = System.nanoTime();
            SearchResult result;
            int kernelThreads = Kernels.threads();
            // The trials are the parallel work: each keeps to its own thread rather than splitting its products.
            Kernels.setThreads(1);
            try (LocalTrialRunner runner = new LocalTrialRunner(scorer, parallel)) {
                result = search.run(runner, rung -> printRung(report, rung, start));
            } finally {
                Kernels.setThreads(kernelThreads);
            }
            double searchSeconds = (System.nanoTime() - start) / 1e9;
            TrialResult best = result.best();
            report.println();
            report.print(TuneTable.format(result));
            report.println();
            report.printf(Locale.ROOT, "Best: trial %d, %s %s; the defaults (trial 1): %s.%n",
                    best.trial().number(), TuneTable.score(best.score()),
                    foldCount > 0 ? "over the " + foldCount + " folds" : "on the validation rows",
                    defaultsScore(result));
            Recipe refit = scorer.refitRecipe(best.trial().recipe());
            report.printf(Locale.ROOT, "Refitting trial %d (%d epochs%s)...%n", best.trial().number(),
                    foldCount > 0 ? refit.epochs() : best.epochs(),
                    foldCount > 0 ? ", its folds' mean, on the training and validation rows together" : "");
            report.flush();

            long refitStart = System.nanoTime();
            Fitted fitted = scorer.refit(best.trial().recipe());
            double refitSeconds = (System.nanoTime() - refitStart) / 1e9;
            Plan plan = fitted.plan();
            if (plan.testRows().length > 0) {
                report.printf("Test set (%d rows):%n", plan.testRows().length);
                report.print(fitted.test().format());
            }
            if (save != null) {
                Map<String, String> record = trainingRecord(result, fitted, refitSeconds, foldCount);
                ModelFile.write(new SavedModel(fitted.network(), record, plan.preprocessing(),
                        fitted.result().toSeries()), save);
                report.println();
                report.println("Saved the model to " + save + ".");
            }
            report.printf(Locale.ROOT, "The search took %.1f s, the refit %.1f s.%n", searchSeconds, refitSeconds);
            if (json) {
                Map<String, Object> map = new LinkedHashMap<>(result.toMap());
                map.put("folds", foldCount);
                map.put("seconds", searchSeconds);
                if (plan.testRows().length > 0) {
                    map.put("test", fitted.test().toMap());
                }
                out.println(Json.write(map));
            }
            out.flush();
        }
        return 0;
    }

    /** How the trials are scored, for the search's headline: nothing for the validation rows asked for. */
    private String scoredBy(int foldCount, int rows) {
        if (foldsAsked != null) {
            return foldCount > 0 ? ", each scored by " + foldCount + "-fold cross-validation" : "";
        }
        if (foldCount > 0) {
            return String.format(Locale.ROOT, ", each scored by %d-fold cross-validation (--folds auto: %d rows, at"
                    + " most %d)", foldCount, rows, CrossValidationScorer.SMALL_TABLE_ROWS);
        }
        return String.format(Locale.ROOT, ", each scored on the validation rows (--folds auto: %d rows, more than %d)",
                rows, CrossValidationScorer.SMALL_TABLE_ROWS);
    }

    private static void printRung(PrintWriter out, Rung rung, long start) {
        TrialResult best = rung.ranked().get(0);
        out.printf(Locale.ROOT, "Rung %d: %d trial%s to %d epochs, best trial %d: %s%s [%.1f s]%n",
                rung.number(), rung.ranked().size(), rung.ranked().size() == 1 ? "" : "s", rung.epochs(),
                best.trial().number(), TuneTable.score(best.score()),
                rung.advancing() > 0 ? "; " + rung.advancing() + " go on" : "", (System.nanoTime() - start) / 1e9);
        out.flush();
    }

    /** Trial 1's latest score and how far it went. */
    private static String defaultsScore(SearchResult result) {
        for (int rank = 0; rank < result.ranked().size(); rank++) {
            TrialResult r = result.ranked().get(rank);
            if (r.trial().number() == 1) {
                return String.format(Locale.ROOT, "%s after %d epochs, rank %d", TuneTable.score(r.score()),
                        r.epochs(), rank + 1);
            }
        }
        throw new IllegalStateException("Trial 1 is in every search");
    }

    /** The model file's training record: the refit's settings and outcome, then what the search adds. */
    private Map<String, String> trainingRecord(SearchResult result, Fitted fitted, double seconds, int foldCount) {
        Plan plan = fitted.plan();
        FitResult fit = fitted.result();
        Map<String, String> training = new LinkedHashMap<>(plan.loop().build().describe());
        training.put("data", data.dataName());
        training.put("label", data.labelColumn());
        training.put("split", plan.split().train().length + " training, " + plan.split().validation().length
                + " validation, " + plan.testRows().length + " test rows (seed " + plan.recipe().seed() + ")");
        training.put("epochs_trained", Integer.toString(fit.epochs()));
        training.put("best_epoch", Integer.toString(fit.bestEpoch()));
        training.put("stop_reason", fit.stopReason());
        training.put("training_seconds", String.format(Locale.ROOT, "%.3f", seconds));
        fitted.test().summary().forEach((k, v) -> training.put("test_" + k, v));
        training.putAll(result.trainingRecord());
        training.put("tune_scored_on", foldCount > 0 ? foldCount + "-fold cross-validation" : "the validation rows");
        return training;
    }

    /** Checks every option before any data is read. */
    private Recipe checkOptions() {
        if (data.source == null) {
            throw new ParameterException(spec.commandLine(), "Missing the data: give --data FILE.csv (with --label)"
                    + " or --dataset NAME");
        }
        if (data.source.data != null && data.label == null) {
            throw new ParameterException(spec.commandLine(), "--data needs --label COLUMN: the column to predict");
        }
        if (trials < 1) {
            throw new ParameterException(spec.commandLine(), "--trials takes 1 or more, got " + trials);
        }
        if (save != null) {
            RunFiles.requireNotAnInput(spec, "--save", save, Stream.of(data.source.data, data.testData)
                    .filter(Objects::nonNull).toArray(Path[]::new));
        }
        foldsAsked = switch (folds) {
            case "auto" -> null;
            case "off" -> 0;
            default -> {
                int k;
                try {
                    k = Integer.parseInt(folds);
                } catch (NumberFormatException e) {
                    k = 0;
                }
                if (k < 2) {
                    throw new ParameterException(spec.commandLine(), "--folds takes auto, off or a number of folds"
                            + " (2 or more), got '" + folds + "'");
                }
                yield k;
            }
        };
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads takes 1 or more, got " + threads);
        }
        try {
            data.check();
            RecipeBuilder recipe = Recipe.builder();
            data.applyTo(recipe);
            if (epochs != null) {
                recipe.epochs(epochs);
            }
            if (patience != null) {
                recipe.patience(patience);
            }
            if (seed != null) {
                recipe.seed(seed);
            }
            if (classWeight != null) {
                recipe.classWeight(classWeight);
            }
            if (precision != null) {
                recipe.precision(Precision.byName(precision));
            }
            Recipe base = recipe.build();
            new SuccessiveHalving(minEpochs != null ? minEpochs : Math.min(SuccessiveHalving.DEFAULT_MIN_EPOCHS,
                    base.epochs()), base.epochs(), eta);
            if (base.validationFraction() <= 0) {
                throw new IllegalArgumentException("tune scores its trials on the validation rows; give --validation"
                        + " above 0, got " + base.validationFraction());
            }
            return base;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}

package org.nn4j.recipe.search;

import org.nn4j.recipe.Plan;
import org.nn4j.data.Dataset;
import org.nn4j.train.EngineStep;
import org.nn4j.train.EpochRecord;
import org.nn4j.train.FitResult;
import org.nn4j.train.GradientStep;
import org.nn4j.train.Measurement;
import org.nn4j.train.TrainingCheckpoint;
import org.nn4j.train.TrainingListener;
import org.nn4j.train.TrainingLoop;

/**
 * One plan's run, paused at each rung by a stop request and continued from the checkpoint it left, so that a run
 * paused at rungs of 10 and 30 epochs ends with exactly the weights of an uninterrupted one. It trains on its
 * calling thread ({@link EngineStep}), so that several runs share the cores, and is scored on the rows it is given.
 */
final class PausedRun implements TrialRun {

    private final Plan plan;
    private final Dataset scored;
    private final TrainingLoop loop;
    private final TrainingListener epochCounter = new TrainingListener() {
        @Override
        public void onEpoch(EpochRecord record) {
            epochsDone = record.epoch();
        }
    };
    private int budget;
    private int epochsDone;
    private TrainingCheckpoint paused;
    private FitResult result;

    /** A run of {@code plan}, scored on {@code scored} (encoded by the plan's preprocessing). */
    PausedRun(Plan plan, Dataset scored) {
        this.plan = plan;
        this.scored = scored;
        // The stop request is asked after each epoch: it pauses the run once the rung's epochs are done.
        this.loop = plan.loop().stopWhen(() -> epochsDone >= budget).checkpoints(0, c -> paused = c).build();
    }

    @Override
    public Score trainTo(int epochs) {
        if (result != null && !result.stopReason().equals(FitResult.INTERRUPTED)) {
            return score();
        }
        budget = epochs;
        try (GradientStep step = stepOf(plan, loop)) {
            TrainingCheckpoint from = paused;
            paused = null;
            result = from == null ? loop.fit(plan.network(), step, plan.validation(), epochCounter)
                    : loop.resume(plan.network(), step, plan.validation(), epochCounter, from);
        }
        return score();
    }

    @Override
    public int epochs() {
        return result == null ? 0 : result.epochs();
    }

    /** The epoch whose weights the network now holds: the best one when early stopping restored it. */
    int weightsEpoch() {
        return result == null ? 0 : result.bestEpoch();
    }

    @Override
    public String stopReason() {
        return result == null ? FitResult.INTERRUPTED : result.stopReason();
    }

    static GradientStep stepOf(Plan plan, TrainingLoop loop) {
        return new EngineStep(loop.settings().engine(), plan.train(), plan.preprocessing().task(),
                loop.settings().loss());
    }

    /**
     * The score of the network as it now is, by the loop's loss (weighted by class when the recipe says so); NaN
     * when the run diverged.
     */
    private Score score() {
        boolean diverged = result.stopReason().equals(FitResult.DIVERGED);
        Measurement m = diverged ? new Measurement(Double.NaN, Double.NaN)
                : Measurement.of(plan.network(), scored, plan.preprocessing().task(), loop.settings().loss());
        return plan.preprocessing().task().isClassification() ? new Score(m.loss(), m.accuracy())
                : Score.loss(m.loss());
    }
}

package org.nn4j.recipe;

import java.util.List;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.metrics.Evaluation;
import org.nn4j.nn.Network;
import org.nn4j.train.FitResult;

/**
 * A recipe carried out: the plan (with the trained network and its preprocessing), what training did, what the
 * doctor found, and the metrics on the test rows (empty when there were none).
 */
public record Fitted(Plan plan, FitResult result, List<Diagnosis> diagnoses, Evaluation test) {

    public Fitted {
        diagnoses = List.copyOf(diagnoses);
    }

    public Network network() {
        return plan.network();
    }
}

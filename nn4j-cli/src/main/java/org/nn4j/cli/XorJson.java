package org.nn4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.data.Dataset;
import org.nn4j.data.LogicGates;
import org.nn4j.doctor.Diagnosis;
import org.nn4j.nn.Network;
import org.nn4j.tensor.Matrix;
import org.nn4j.train.EpochRecord;
import org.nn4j.tutorial.XorResult;
import org.nn4j.tutorial.XorSettings;

/**
 * {@code nn4j xor --json}: the run as one JSON object, with every loss at full precision (the report rounds them to
 * four decimals), for plotting or comparing runs.
 */
final class XorJson {

    private XorJson() {
    }

    static Map<String, Object> of(XorSettings settings, Map<String, String> record, XorResult result,
            Network network, List<Diagnosis> diagnoses, double seconds) {
        Map<String, Object> settingsMap = new LinkedHashMap<>(record);
        settingsMap.put("network", network.describe());
        settingsMap.put("gradient", settings.method().label());
        settingsMap.put("learning_rate", settings.learningRate());
        settingsMap.put("max_epochs", settings.epochs());

        List<Object> history = new ArrayList<>();
        for (EpochRecord epoch : result.history().history()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", epoch.epoch());
            // A diverged epoch's loss is no number; JSON has null for it.
            double loss = epoch.get("loss");
            row.put("loss", Double.isFinite(loss) ? loss : null);
            history.add(row);
        }

        Dataset xor = LogicGates.xor();
        Matrix predictions = network.predict(xor.inputs());
        List<Object> table = new ArrayList<>();
        boolean learned = true;
        for (int i = 0; i < xor.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("a", (long) xor.inputs().get(i, 0));
            row.put("b", (long) xor.inputs().get(i, 1));
            row.put("target", (long) xor.targets().get(i, 0));
            double p = predictions.get(i, 0);
            row.put("prediction", Double.isFinite(p) ? p : null);
            boolean right = (p > 0.5) == (xor.targets().get(i, 0) > 0.5);
            row.put("correct", right);
            learned &= right;
            table.add(row);
        }

        List<Object> findings = new ArrayList<>();
        for (Diagnosis d : diagnoses) {
            findings.add(Map.of("kind", d.kind().id(), "finding", d.finding(), "remedy", d.remedy()));
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settingsMap);
        json.put("epochs_trained", result.history().epochs());
        json.put("stop_reason", result.history().stopReason());
        json.put("training_seconds", seconds);
        json.put("history", history);
        json.put("truth_table", table);
        json.put("learned_xor", learned);
        json.put("diagnoses", findings);
        return json;
    }
}

package org.nn4j.data;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import org.nn4j.metrics.Task;

/**
 * Coverage-guided fuzzing of the CSV reader and of the preprocessing that follows it: any text either becomes a
 * table (and, with a label column, inputs and targets) or is refused with an {@link IllegalArgumentException}
 * naming the line and the problem.
 */
class CsvFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void csvText(FuzzedDataProvider data) throws IOException {
        boolean train = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        Table table;
        try {
            table = Table.readCsv("fuzz.csv", new StringReader(text));
        } catch (IllegalArgumentException refused) {
            return;
        }
        if (!train) {
            return;
        }
        try {
            int label = table.columns().size() - 1;
            Task task = Preprocessing.inferTask(table, label);
            Preprocessing prep = Preprocessing.fit(table, table.columns().get(label), task, table.allRows());
            prep.encode(table, table.allRows());
            Preprocessing.fromMap(prep.toMap()).encodeInputs(table, table.allRows());
        } catch (IllegalArgumentException refused) {
            // A table that cannot be learned from (one class, a text cell in a numeric column...) is refused.
        }
    }
}

package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.io.Json;
import org.nn4j.metrics.Task;

class MissingValueTest {

    /** Rows 0–3 train; row 4 is all gaps. Column a: 1, NA, 3, 10; b: x, (empty), x, z; c: 7, 7, ?, 7. */
    private static final String GAPS = "a,b,c,y\n1,x,7,p\nNA,,7,q\n3,x,?,p\n10,z,7,q\nnan,x,null,p\n";
    private static final int[] TRAINING = {0, 1, 2, 3};

    private static Table read(String csv) {
        try {
            return Table.readCsv("d.csv", new StringReader(csv));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Preprocessing fit(String csv, Imputation impute, boolean indicator) {
        return Preprocessing.fit(read(csv), "y", null, TRAINING, MemoryLimits.ofThisJvm(),
                new InputSettings(List.of(), List.of(), impute, indicator));
    }

    @Test
    void numericGapsAreFilledWithTheTrainingRowsMedianThenStandardised() {
        Preprocessing p = fit(GAPS, Imputation.MEDIAN, false);
        FeatureColumn a = p.features().get(0);
        // Present in training: 1, 3, 10 → median 3; filled column 1, 3, 3, 10 → mean 4.25, sd √(46.75/4).
        assertThat(a.fill()).isEqualTo(3.0);
        assertThat(a.mean()).isEqualTo(4.25);
        assertThat(a.scale()).isCloseTo(Math.sqrt(46.75 / 4), within(1e-15));
        assertThat(p.inputs()).isEqualTo(5);
        assertThat(p.encodeInputs(read(GAPS), new int[] {4}).toArray())
                .containsExactly(new double[] {(3 - 4.25) / Math.sqrt(46.75 / 4), 0, 1, 0, 0}, within(1e-15));
    }

    @Test
    void meanImputationFillsWithTheTrainingRowsMean() {
        assertThat(fit(GAPS, Imputation.MEAN, false).features().get(0).fill()).isEqualTo(14.0 / 3);
    }

    @Test
    void missingIndicatorsFollowTheColumnsForColumnsWithGapsInTraining() {
        Preprocessing p = fit(GAPS, Imputation.MEDIAN, true);
        assertThat(p.features()).extracting(FeatureColumn::indicator).containsExactly(true, false, true);
        assertThat(p.inputs()).isEqualTo(7);
        // a, b (one-hot: missing, x, z), c, then the indicators of a and c.
        assertThat(p.encodeInputs(read(GAPS), new int[] {4, 0}).toArray()).containsExactly(new double[] {
            (3 - 4.25) / Math.sqrt(46.75 / 4), 0, 1, 0, 0, 1, 1,
            (1 - 4.25) / Math.sqrt(46.75 / 4), 0, 1, 0, 0, 0, 0}, within(1e-15));
    }

    @Test
    void aCategoricalGapIsACategoryOfItsOwn() {
        Preprocessing p = fit(GAPS, Imputation.MEDIAN, false);
        assertThat(p.features().get(1).categories()).containsExactly(FeatureColumn.MISSING_CATEGORY, "x", "z");
        assertThat(p.encodeInputs(read("a,b,c\n1,NA,7\n"), new int[] {0}).get(0, 1)).isEqualTo(1.0);
        Preprocessing noGaps = fit("a,b,y\n1,u,p\n2,v,q\n3,u,p\n4,v,q\n", Imputation.MEDIAN, false);
        assertThatThrownBy(() -> noGaps.encodeInputs(read("a,b\n1,\n"), new int[] {0}))
                .hasMessage("d.csv, line 2, column 'b': a missing value, but the column had no gaps in training; the"
                        + " model knows u, v");
    }

    @Test
    void everySpellingOfAGapIsMissingInAnyCase() {
        for (String gap : List.of("", "NA", "na", "N/A", "NaN", "nan", "null", "NULL", "?")) {
            assertThat(MissingValues.isMissing(gap)).as(gap).isTrue();
        }
        for (String value : List.of("none", "-", "0", "inf", "n")) {
            assertThat(MissingValues.isMissing(value)).as(value).isFalse();
        }
    }

    @Test
    void plainNumbersTakeNanAsAMissingValue() {
        Preprocessing p = fit("a,c,y\n1,5,p\nNA,6,q\n3,7,p\n10,8,q\n", Imputation.MEDIAN, true);
        assertThat(p.encodeNumbers(new double[][] {{Double.NaN, 6}}).toArray())
                .containsExactly(p.encodeInputs(read("a,c\n,6\n"), new int[] {0}).toArray());
        assertThatThrownBy(() -> p.encodeNumbers(new double[][] {{Double.POSITIVE_INFINITY, 6}}))
                .hasMessage("Row 1, column 'a': expected a finite number (or NaN for a missing value), got Infinity");
    }

    @Test
    void rowsWithoutALabelAreRefusedNamingTheirLines() {
        assertThatThrownBy(() -> fit("a,y\n1,p\n2,\n3,q\n4,NA\n", Imputation.MEDIAN, false))
                .hasMessage("d.csv: the label column 'y' is missing in 2 rows (lines 3, 5); every row needs a label:"
                        + " fill them in or remove those rows");
        assertThatThrownBy(() -> Preprocessing.fit(read("a,y\n1,2.5\n2,?\n3,4\n"), "y", Task.REGRESSION,
                new int[] {0, 1, 2})).hasMessageContaining("is missing in 1 row (line 3)");
    }

    @Test
    void aColumnWithoutValuesInTheTrainingRowsIsRefused() {
        assertThatThrownBy(() -> fit("a,b,y\n1,,p\n2,,q\n3,,p\n4,,q\n", Imputation.MEDIAN, false))
                .hasMessage("d.csv: the column 'b' holds no values, only gaps; leave it out with --drop b");
        assertThatThrownBy(() -> fit("a,b,y\n1,,p\n2,,q\n3,,p\n4,,q\n5,6,p\n", Imputation.MEDIAN, false))
                .hasMessage("d.csv: the column 'b' has no values in the 4 training rows, so nothing to fill its gaps"
                        + " with; leave it out with --drop b");
    }

    @Test
    void theFillValuesAndIndicatorsSurviveTheModelFile() {
        Preprocessing p = fit(GAPS, Imputation.MEDIAN, true);
        @SuppressWarnings("unchecked")
        Preprocessing back = Preprocessing.fromMap((Map<String, Object>) Json.parse(Json.write(p.toMap())));
        assertThat(back.features()).isEqualTo(p.features());
        assertThat(back.encodeInputs(read(GAPS), new int[] {4}).toArray())
                .containsExactly(p.encodeInputs(read(GAPS), new int[] {4}).toArray());
    }

    @Test
    void aModelSavedBeforeImputationFillsGapsWithTheMean() {
        // The preprocessing as model files held it before fill values were saved.
        @SuppressWarnings("unchecked")
        Preprocessing old = Preprocessing.fromMap((Map<String, Object>) Json.parse("{\"features\": [{\"name\": \"a\","
                + " \"type\": \"numeric\", \"mean\": 2.0, \"scale\": 4.0}], \"label\": {\"name\": \"y\", \"task\":"
                + " \"binary\", \"classes\": [\"p\", \"q\"]}}"));
        assertThat(old.features().get(0).fill()).isEqualTo(2.0);
        assertThat(old.inputs()).isEqualTo(1);
        assertThat(old.encodeInputs(read("a\n6\n\n"), new int[] {0}).toArray()).containsExactly(1.0);
        assertThat(old.encodeInputs(read("a\nNA\n"), new int[] {0}).toArray()).containsExactly(0.0);
    }
}

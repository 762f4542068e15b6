package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.io.Json;

class ColumnChoiceTest {

    private static final Table PEOPLE = Table.of("people.csv", List.of("id", "name", "age", "city", "y"), List.of(
            new String[] {"1", "ann", "30", "rome", "p"},
            new String[] {"2", "bob", "40", "oslo", "q"},
            new String[] {"3", "cy", "50", "rome", "p"},
            new String[] {"4", "dee", "60", "oslo", "q"}));

    private static Preprocessing fit(Table table, List<String> features, List<String> drop) {
        return Preprocessing.fit(table, "y", null, table.allRows(), MemoryLimits.ofThisJvm(),
                new InputSettings(features, drop, Imputation.MEDIAN, false));
    }

    private static List<String> names(Preprocessing p) {
        return p.features().stream().map(FeatureColumn::name).toList();
    }

    @Test
    void featuresKeepsOnlyTheNamedColumnsInTableOrder() {
        Preprocessing p = fit(PEOPLE, List.of("city", "age"), List.of());
        assertThat(names(p)).containsExactly("age", "city");
        assertThat(p.ignored()).containsExactly("id", "name");
    }

    @Test
    void dropLeavesOutTheNamedColumns() {
        Preprocessing p = fit(PEOPLE, List.of(), List.of("id", "name"));
        assertThat(names(p)).containsExactly("age", "city");
        assertThat(p.ignored()).containsExactly("id", "name");
    }

    @Test
    void aMistypedColumnIsNamedWithAClosematch() {
        assertThatThrownBy(() -> fit(PEOPLE, List.of(), List.of("nmae")))
                .hasMessage("people.csv has no dropped column 'nmae' (did you mean 'name'?); its columns are id, name,"
                        + " age, city, y");
        assertThatThrownBy(() -> fit(PEOPLE, List.of("agee"), List.of()))
                .hasMessageStartingWith("people.csv has no feature column 'agee' (did you mean 'age'?)");
    }

    @Test
    void theLabelCannotBeChosenOrDropped() {
        assertThatThrownBy(() -> fit(PEOPLE, List.of("age", "y"), List.of()))
                .hasMessage("--features names the label column 'y', which the model predicts and cannot take as an"
                        + " input");
        assertThatThrownBy(() -> fit(PEOPLE, List.of(), List.of("y"))).hasMessageStartingWith("--drop names the label");
        assertThatThrownBy(() -> fit(PEOPLE, List.of(), List.of("id", "name", "age", "city")))
                .hasMessageContaining("--drop leaves no feature column");
        assertThatThrownBy(() -> new InputSettings(List.of("age"), List.of("id"), Imputation.MEDIAN, false))
                .hasMessage("Give the columns to use (--features) or the columns to leave out (--drop), not both");
    }

    @Test
    void predictionTakesRowsWithOrWithoutTheLeftOutColumns() {
        Preprocessing p = fit(PEOPLE, List.of(), List.of("id", "name"));
        Table withThem = Table.of("rows", List.of("id", "name", "age", "city"),
                List.<String[]>of(new String[] {"9", "zed", "45", "oslo"}));
        Table without = Table.of("rows", List.of("city", "age"), List.<String[]>of(new String[] {"oslo", "45"}));
        assertThat(p.encodeInputs(withThem, new int[] {0}).toArray())
                .containsExactly(p.encodeInputs(without, new int[] {0}).toArray());
        @SuppressWarnings("unchecked")
        Preprocessing saved = Preprocessing.fromMap((Map<String, Object>) Json.parse(Json.write(p.toMap())));
        assertThat(saved.ignored()).containsExactly("id", "name");
        assertThat(saved.encodeInputs(withThem, new int[] {0}).toArray())
                .containsExactly(p.encodeInputs(without, new int[] {0}).toArray());
        Table unknown = Table.of("rows", List.of("age", "city", "zip"), List.<String[]>of(new String[] {"1", "oslo",
            "0"}));
        assertThatThrownBy(() -> saved.encodeInputs(unknown, new int[] {0})).hasMessageContaining("unknown zip");
    }

    @Test
    void identifiersAndConstantColumnsAreWarnedAbout() {
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < ColumnNotes.ID_MIN_ROWS; r++) {
            rows.add(new String[] {Integer.toString(101 + r), "user" + r, Integer.toString(r % 7), "same",
                r == 3 ? "" : Integer.toString(r * r % 11), r % 2 == 0 ? "p" : "q"});
        }
        Table table = Table.of("t.csv", List.of("row", "user", "x", "flag", "z", "y"), rows);
        Preprocessing p = fit(table, List.of(), List.of());
        assertThat(ColumnNotes.of(table, p, table.allRows())).containsExactly(
                "Warning: column 'row' looks like a row identifier (it counts the rows), which a model can only"
                        + " memorise; leave it out with --drop row",
                "Warning: column 'user' looks like a row identifier (every value is different), which a model can"
                        + " only memorise; leave it out with --drop user",
                "Column 'z': 1 missing in the training rows, filled with 4.",
                "Warning: column 'flag' is constant in the training rows, so it tells the rows apart not at all;"
                        + " leave it out with --drop flag");
        Preprocessing dropped = fit(table, List.of(), List.of("row", "user", "flag"));
        assertThat(ColumnNotes.of(table, dropped, table.allRows())).containsExactly("Left out: row, user, flag.",
                "Column 'z': 1 missing in the training rows, filled with 4.");
    }
}

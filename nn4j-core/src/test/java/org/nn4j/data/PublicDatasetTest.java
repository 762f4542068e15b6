package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublicDatasetTest {

    private static Map<String, Integer> classCounts(Table table, String label) {
        int column = table.requireColumn(label, "label");
        Map<String, Integer> counts = new HashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            counts.merge(table.cell(row, column), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void irisHasFishersFiftyFlowersOfEachSpeciesUnderItsRealColumnNames() {
        Table iris = PublicDataset.IRIS.table();
        assertThat(iris.columns()).containsExactly("sepal_length", "sepal_width", "petal_length", "petal_width",
                "species");
        assertThat(iris.rowCount()).isEqualTo(150);
        assertThat(classCounts(iris, "species")).containsOnly(Map.entry("setosa", 50), Map.entry("versicolor", 50),
                Map.entry("virginica", 50));
        assertThat(new String[] {iris.cell(0, 0), iris.cell(0, 1), iris.cell(0, 2), iris.cell(0, 3)})
                .containsExactly("5.1", "3.5", "1.4", "0.2");
    }

    @Test
    void digitsAreTheUciTestSetOf1797EightByEightImages() {
        Table digits = PublicDataset.DIGITS.table();
        assertThat(digits.columns()).hasSize(65).startsWith("p0", "p1").endsWith("p63", "digit");
        assertThat(digits.rowCount()).isEqualTo(1797);
        Map<String, Integer> counts = classCounts(digits, "digit");
        assertThat(counts).hasSize(10).containsEntry("3", 183).containsEntry("5", 182);
        assertThat(digits.cell(0, 2)).isEqualTo("5");
        assertThat(digits.cell(1796, 64)).isEqualTo("8");
    }

    @Test
    void listedSizesAreThoseOfTheShippedTables() {
        for (PublicDataset set : PublicDataset.values()) {
            Table table = set.table();
            assertThat(table.rowCount()).as(set.title()).isEqualTo(set.rows());
            assertThat(table.columns()).as(set.title()).hasSize(set.columns()).contains(set.label());
            assertThat(set.credit()).contains("UCI Machine Learning Repository", "CC BY 4.0");
        }
    }

    @Test
    void setsAreFoundByNameInAnyCaseAndOthersAreNot() {
        assertThat(PublicDataset.byName("Iris")).contains(PublicDataset.IRIS);
        assertThat(PublicDataset.byName("digits")).contains(PublicDataset.DIGITS);
        assertThat(PublicDataset.byName("moons")).isEmpty();
    }
}

package org.nn4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldsTest {

    private static final Path SCRIPT = Path.of("..", "interop", "stratified_folds.py").toAbsolutePath().normalize();

    /** Rows of each class in each fold: counts[fold][class]. */
    private static int[][] counts(int[] classes, int[] foldOf, int k) {
        int classCount = Arrays.stream(classes).max().orElse(-1) + 1;
        int[][] counts = new int[k][classCount];
        for (int i = 0; i < classes.length; i++) {
            counts[foldOf[i]][classes[i]]++;
        }
        return counts;
    }

    /** An imbalanced label column: 3 classes of 13, 7 and 2 rows, interleaved. */
    private static final int[] IMBALANCED = IntStream.range(0, 22).map(i -> i % 11 < 2 ? (i < 11 ? 1 : 2)
            : i % 11 < 5 ? 1 : 0).toArray();

    @Test
    void everyClassIsSpreadOverTheFoldsWithinOneRowAndTheFoldSizesDifferByAtMostOne() {
        for (int[] classes : List.of(IMBALANCED, IntStream.range(0, 150).map(i -> i / 50).toArray(),
                IntStream.range(0, 101).map(i -> i % 7 == 0 ? 1 : 0).toArray())) {
            for (int k : new int[] {2, 3, 5, 10}) {
                int[][] counts = counts(classes, Folds.stratified(classes, k, 42), k);
                for (int c = 0; c < counts[0].length; c++) {
                    int cls = c;
                    IntSummary perFold = IntSummary.of(Arrays.stream(counts).mapToInt(row -> row[cls]));
                    assertThat(perFold.max - perFold.min).as("class %d over %d folds", c, k).isLessThanOrEqualTo(1);
                }
                IntSummary sizes = IntSummary.of(Arrays.stream(counts).mapToInt(row -> Arrays.stream(row).sum()));
                assertThat(sizes.max - sizes.min).as("fold sizes, %d folds", k).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void fiveFoldsOfIrisHoldTenRowsOfEachSpeciesEach() {
        int[] classes = IntStream.range(0, 150).map(i -> i / 50).toArray();
        int[][] counts = counts(classes, Folds.stratified(classes, 5, 1), 5);
        for (int[] fold : counts) {
            assertThat(fold).containsExactly(10, 10, 10);
        }
    }

    @Test
    void classCountsPerFoldAreScikitLearnsStratifiedKFolds() throws IOException, InterruptedException {
        String python = "/usr/bin/python3";
        assumeTrue(Files.isExecutable(Path.of(python)) && run(python, "-c", "import sklearn") != null,
                "scikit-learn for /usr/bin/python3 (apt-get install python3-sklearn)");
        String[] names = {"a", "b", "c"};
        for (int k : new int[] {2, 3, 4, 5}) {
            String labels = Arrays.stream(IMBALANCED).mapToObj(c -> names[c]).collect(Collectors.joining(","));
            String expected = run(python, SCRIPT.toString(), Integer.toString(k), labels);
            // scikit-learn numbers classes by first appearance, as Folds does: both number IMBALANCED's 1 first.
            int[] renumbered = renumberByFirstAppearance(IMBALANCED);
            int[][] counts = counts(renumbered, Folds.stratified(renumbered, k, 7), k);
            String actual = Arrays.stream(counts).map(row -> Arrays.stream(row).mapToObj(Integer::toString)
                    .collect(Collectors.joining(" "))).collect(Collectors.joining("\n"));
            assertThat(actual).as("%d folds", k).isEqualTo(expected.strip());
        }
    }

    @Test
    void plainFoldsCutTheShuffledRowsIntoRunsWhoseSizesDifferByAtMostOne() {
        int[] foldOf = Folds.plain(23, 5, 3);
        int[] sizes = new int[5];
        for (int f : foldOf) {
            sizes[f]++;
        }
        // scikit-learn's KFold: the first n mod k folds get one row more.
        assertThat(sizes).containsExactly(5, 5, 5, 4, 4);
        assertThat(foldOf).isNotEqualTo(IntStream.range(0, 23).map(i -> i / 5).toArray());
    }

    @Test
    void foldsOfATableCoverTheGivenRowsOnceEachAndDependOnlyOnTheSeed() {
        Table iris = PublicDataset.IRIS.table();
        int[] rows = IntStream.range(0, 150).filter(r -> r % 4 != 0).toArray();
        int[][] folds = Folds.of(iris, 4, rows, 5, true, 9);
        assertThat(Arrays.stream(folds).flatMapToInt(Arrays::stream).sorted().toArray()).isEqualTo(rows);
        for (int[] fold : folds) {
            assertThat(fold).isSorted();
        }
        assertThat(Folds.of(iris, 4, rows, 5, true, 9)).isDeepEqualTo(folds);
        assertThat(Arrays.deepEquals(Folds.of(iris, 4, rows, 5, true, 10), folds)).isFalse();
    }

    @Test
    void refusesFewerThanTwoFoldsOrFewerRowsThanFolds() {
        assertThatThrownBy(() -> Folds.plain(10, 1, 1)).hasMessage("Cross-validation needs 2 or more folds, got 1");
        assertThatThrownBy(() -> Folds.stratified(new int[] {0, 1, 0}, 4, 1))
                .hasMessage("Cross-validation in 4 folds needs at least 4 rows, one per fold, got 3");
    }

    private static int[] renumberByFirstAppearance(int[] classes) {
        int[] number = new int[Arrays.stream(classes).max().orElse(0) + 1];
        Arrays.fill(number, -1);
        int next = 0;
        int[] out = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            if (number[classes[i]] < 0) {
                number[classes[i]] = next++;
            }
            out[i] = number[classes[i]];
        }
        return out;
    }

    /** The standard output of a process, or null when it fails. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    }

    private record IntSummary(int min, int max) {
        static IntSummary of(IntStream values) {
            int[] v = values.toArray();
            return new IntSummary(Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
        }
    }
}

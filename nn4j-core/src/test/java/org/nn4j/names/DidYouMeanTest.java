package org.nn4j.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndNeighbourSwaps() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("trian", "train")).isEqualTo(1);
        assertThat(DidYouMean.distance("", "adam")).isEqualTo(4);
        assertThat(DidYouMean.distance("adam", "adam")).isZero();
        // Optimal string alignment edits no substring twice: "ca" → "abc" takes 3, not the 2 of unrestricted
        // Damerau-Levenshtein.
        assertThat(DidYouMean.distance("ca", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestNameIgnoringCase() {
        List<String> optimizers = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw");
        assertThat(DidYouMean.closest("adma", optimizers)).contains("adam");
        assertThat(DidYouMean.closest("ADAMW", optimizers)).contains("adamw");
        assertThat(DidYouMean.closest("nestrov", optimizers)).contains("nesterov");
        assertThat(DidYouMean.closest("label", List.of("a", "Label"))).contains("Label");
        assertThat(DidYouMean.closest("y", List.of("a", "Y"))).contains("Y");
    }

    @Test
    void suggestsNothingForANameTooFarFromAnyKnownOne() {
        List<String> optimizers = List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw");
        assertThat(DidYouMean.closest("adagrad", optimizers)).isEmpty();
        assertThat(DidYouMean.closest("x", List.of("and", "or"))).isEmpty();
        assertThat(DidYouMean.closest("y", List.of("a", "c"))).isEmpty();
        assertThat(DidYouMean.closest("or", List.of("on", "xor"))).isEmpty();
        assertThat(DidYouMean.closest("", optimizers)).isEmpty();
    }

    @Test
    void aStartOfExactlyOneNameIsAMatch() {
        List<String> monitored = List.of("val_loss", "val_accuracy", "loss", "accuracy");
        assertThat(DidYouMean.closest("val_acc", monitored)).contains("val_accuracy");
        assertThat(DidYouMean.closest("val_", monitored)).isEmpty();
    }

    @Test
    void theHintFitsInAnErrorMessage() {
        assertThat(DidYouMean.hint("moon", List.of("moons", "circles"))).isEqualTo(" (did you mean 'moons'?)");
        assertThat(DidYouMean.hint("zzz", List.of("moons", "circles"))).isEmpty();
    }
}

package org.nn4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nn4j.tensor.Matrix;

/** Training shards end up one per partition, balanced, contiguous and complete, whatever shards they came in. */
class BalancedShardsTest {

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("nn4j-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Rows {@code from} to {@code to − 1}, each input row holding its index and the target its square. */
    private static RowBlock rows(int from, int to) {
        int[] index = new int[to - from];
        Matrix x = Matrix.zeros(to - from, 2);
        Matrix y = Matrix.zeros(to - from, 1);
        for (int i = from; i < to; i++) {
            index[i - from] = i;
            x.set(i - from, 0, i);
            x.set(i - from, 1, -i);
            y.set(i - from, 0, (double) i * i);
        }
        return new RowBlock(index, x, y);
    }

    @Test
    void rowRanksFallIntoTheSameBoundsAsOneMachinesContiguousSplit() {
        // 10 rows over 4 partitions: bounds 0, 2, 5, 7, 10.
        int[] expected = {0, 0, 1, 1, 1, 2, 2, 3, 3, 3};
        for (int rank = 0; rank < 10; rank++) {
            assertThat(BalancedShards.partitionOf(rank, 10, 4)).as("rank %d", rank).isEqualTo(expected[rank]);
        }
    }

    @Test
    void unevenShardsBecomeOneBalancedContiguousShardPerPartition() {
        // Three source partitions of 7, 0 and 3 rows (the empty one as a source with an empty shard).
        JavaRDD<RowBlock> source = spark.parallelize(List.of(rows(0, 7), rows(7, 7), rows(7, 10)), 3);
        JavaRDD<RowBlock> balanced = BalancedShards.of(source, 4);
        assertThat(balanced.getNumPartitions()).isEqualTo(4);
        List<List<RowBlock>> parts = balanced.glom().collect();
        List<Integer> sizes = new ArrayList<>();
        List<Integer> firsts = new ArrayList<>();
        for (List<RowBlock> part : parts) {
            assertThat(part).hasSize(1);
            sizes.add(part.get(0).size());
            firsts.add(part.get(0).first());
        }
        assertThat(sizes).containsExactly(2, 3, 2, 3);
        assertThat(firsts).containsExactly(0, 2, 5, 7);
        // The rows travel with their indices and values: the checksums add up to the source's.
        long sourceSum = source.map(RowBlock::fingerprint).fold(0L, Long::sum);
        assertThat(balanced.map(RowBlock::fingerprint).fold(0L, Long::sum)).isEqualTo(sourceSum);
        assertThat(rows(0, 10).fingerprint()).isEqualTo(sourceSum);
    }

    @Test
    void fewerRowsThanPartitionsLeaveTheRestEmpty() {
        JavaRDD<RowBlock> balanced = BalancedShards.of(spark.parallelize(List.of(rows(0, 2)), 1), 3);
        List<Integer> counts = balanced.glom().map(List::size).collect();
        assertThat(counts).containsExactly(0, 1, 1);
    }
}

package org.nn4j.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Spreads training shards evenly over a given number of partitions, one per core of the cluster, so that every
 * synchronous step runs one task per core and each task has the same share of the batch. The rows move once, in a
 * shuffle when the run starts; shard {@code q} of {@code p} then holds the rows ranked {@code n·q/p} to
 * {@code n·(q+1)/p − 1} by index, in order. Afterwards each step's task carries no rows and no history of how
 * they were read: the shuffle cuts the lineage that tasks would otherwise serialize every step (for rows
 * parallelized from the driver, the rows themselves).
 */
final class BalancedShards {

    private BalancedShards() {
    }

    /** {@code blocks} as {@code partitions} partitions of one shard each (none where there are fewer rows). */
    static JavaRDD<RowBlock> of(JavaRDD<RowBlock> blocks, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("At least 1 partition is needed, got " + partitions);
        }
        // Each shard's first index and size, to rank its rows among all rows.
        List<long[]> extents = new ArrayList<>(blocks.filter(b -> b.size() > 0)
                .map(b -> new long[] {b.first(), b.size()}).collect());
        extents.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] firsts = new long[extents.size()];
        long[] ranks = new long[extents.size()];
        long total = 0;
        for (int i = 0; i < extents.size(); i++) {
            firsts[i] = extents.get(i)[0];
            ranks[i] = total;
            total += extents.get(i)[1];
        }
        long rows = total;
        return blocks.filter(b -> b.size() > 0)
                .flatMapToPair(b -> pieces(b, ranks[Arrays.binarySearch(firsts, b.first())], rows, partitions))
                .partitionBy(new HashPartitioner(partitions))
                .mapPartitions(BalancedShards::join);
    }

    /** The partition that the row ranked {@code rank} of {@code rows} belongs to. */
    static int partitionOf(long rank, long rows, int partitions) {
        // The largest q with rows·q/p ≤ rank, i.e. the inverse of the bounds n·q/p.
        return (int) (((rank + 1) * partitions - 1) / rows);
    }

    /** {@code block}, whose first row has rank {@code rank}, cut where it crosses partition bounds. */
    private static Iterator<Tuple2<Integer, RowBlock>> pieces(RowBlock block, long rank, long rows, int partitions) {
        List<Tuple2<Integer, RowBlock>> out = new ArrayList<>();
        int from = 0;
        while (from < block.size()) {
            int q = partitionOf(rank + from, rows, partitions);
            long end = rows * (q + 1) / partitions;
            int to = (int) Math.min(block.size(), end - rank);
            out.add(new Tuple2<>(q, from == 0 && to == block.size() ? block : block.slice(from, to)));
            from = to;
        }
        return out.iterator();
    }

    private static Iterator<RowBlock> join(Iterator<Tuple2<Integer, RowBlock>> pieces) {
        List<RowBlock> parts = new ArrayList<>();
        pieces.forEachRemaining(t -> parts.add(t._2()));
        return parts.isEmpty() ? List.<RowBlock>of().iterator()
                : List.of(parts.size() == 1 ? parts.get(0) : RowBlock.concat(parts)).iterator();
    }
}

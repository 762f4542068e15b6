package org.nn4j.spark;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.spark.Partitioner;
import scala.Tuple2;

/**
 * Sorting (group, value) keys on the executors with one group per partition — a column's values for its median, a
 * class's scores for the ranking metrics — so that one task sees a whole group in order, and Spark's sort spills
 * to disk rather than needing memory for it.
 */
final class SortedGroups {

    /** By group, then by value from the lowest. */
    static final Comparator<Tuple2<Integer, Double>> ASCENDING = new Order(false);

    /** By group, then by value from the highest. */
    static final Comparator<Tuple2<Integer, Double>> DESCENDING = new Order(true);

    private SortedGroups() {
    }

    /** Puts all keys of a group into the partition of that number. */
    static final class ByGroup extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int groups;

        ByGroup(int groups) {
            this.groups = groups;
        }

        @Override
        public int numPartitions() {
            return groups;
        }

        @Override
        @SuppressWarnings("unchecked")
        public int getPartition(Object key) {
            return ((Tuple2<Integer, Double>) key)._1();
        }
    }

    private record Order(boolean descending) implements Comparator<Tuple2<Integer, Double>>, Serializable {
        @Override
        public int compare(Tuple2<Integer, Double> a, Tuple2<Integer, Double> b) {
            int byGroup = Integer.compare(a._1(), b._1());
            return byGroup != 0 ? byGroup : descending ? Double.compare(b._2(), a._2()) : Double.compare(a._2(), b._2());
        }
    }
}

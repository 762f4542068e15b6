package org.nn4j.train;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An epoch's few metrics as an immutable map in their measured order, kept in two short arrays: a name and a
 * {@code double} each, no hash table, no boxed numbers until someone iterates. The tutorial measures 10,000 epochs
 * in its million, and a run reporting every epoch keeps one of these per epoch in its history; a linked hash map
 * and its boxed values cost several times the epoch itself.
 */
final class EpochMetrics extends AbstractMap<String, Double> {

    private final String[] names;
    private final double[] values;

    private EpochMetrics(String[] names, double[] values) {
        this.names = names;
        this.values = values;
    }

    /** The metrics of {@code map} in its iteration order; the same instance when it is one already. */
    static EpochMetrics copyOf(Map<String, Double> map) {
        if (map instanceof EpochMetrics metrics) {
            return metrics;
        }
        String[] names = new String[map.size()];
        double[] values = new double[map.size()];
        int i = 0;
        for (Map.Entry<String, Double> e : map.entrySet()) {
            names[i] = Objects.requireNonNull(e.getKey(), "metric name");
            values[i] = Objects.requireNonNull(e.getValue(), "value of " + e.getKey());
            i++;
        }
        return new EpochMetrics(names, values);
    }

    /** {@code values[i]} named {@code names[i]}; the values are copied, the names (never changed) shared. */
    static EpochMetrics of(String[] names, double[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException(names.length + " names for " + values.length + " values");
        }
        return new EpochMetrics(names, values.clone());
    }

    /** {@code name}'s value, or NaN when it was not measured; no boxing. */
    double valueOf(String name) {
        int i = indexOf(name);
        return i < 0 ? Double.NaN : values[i];
    }

    /** Where {@code key} is among the names, or −1. */
    private int indexOf(Object key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether every value is a finite number. */
    boolean allFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Double get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Map.Entry<String, Double>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Map.Entry<String, Double>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Double> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, Double> entry = Map.entry(names[next], values[next]);
                        next++;
                        return entry;
                    }
                };
            }
        };
    }
}

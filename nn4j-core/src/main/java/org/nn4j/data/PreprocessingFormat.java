package org.nn4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.metrics.Task;

/**
 * The model file's form of a {@link Preprocessing}: a JSON-ready map. A numeric column keeps {@code fill} (what
 * replaces a gap) and, when it has one, {@code missing_indicator: true}; {@code ignored} lists the columns left
 * out on purpose. Files written before these keys existed still read: a gap is then filled with the column's
 * mean, and no column is ignored.
 */
final class PreprocessingFormat {

    private PreprocessingFormat() {
    }

    static Map<String, Object> toMap(Preprocessing prep) {
        List<Object> columns = new ArrayList<>();
        for (FeatureColumn f : prep.features()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", f.name());
            if (f.isCategorical()) {
                c.put("type", "categorical");
                c.put("categories", f.categories());
            } else {
                c.put("type", "numeric");
                c.put("mean", f.mean());
                c.put("scale", f.scale());
                c.put("fill", f.fill());
                if (f.indicator()) {
                    c.put("missing_indicator", true);
                }
            }
            columns.add(c);
        }
        LabelColumn label = prep.label();
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("name", label.name());
        l.put("task", label.task().id());
        if (label.task().isClassification()) {
            l.put("classes", label.classes());
        } else {
            l.put("mean", label.mean());
            l.put("scale", label.scale());
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("features", columns);
        map.put("label", l);
        if (!prep.ignored().isEmpty()) {
            map.put("ignored", prep.ignored());
        }
        return map;
    }

    static Preprocessing fromMap(Map<String, Object> map) {
        List<FeatureColumn> features = new ArrayList<>();
        for (Object o : list(map.get("features"), "preprocessing.features")) {
            Map<String, Object> c = object(o, "a feature column");
            String name = string(c.get("name"), "a feature column's name");
            if ("categorical".equals(c.get("type"))) {
                List<String> categories = new ArrayList<>();
                for (Object k : list(c.get("categories"), "the categories of " + name)) {
                    categories.add(string(k, "a category of " + name));
                }
                if (categories.isEmpty()) {
                    throw new IllegalArgumentException("the categorical column " + name + " lists no categories");
                }
                features.add(FeatureColumn.categorical(name, categories));
            } else if ("numeric".equals(c.get("type"))) {
                double mean = number(c.get("mean"), name + ".mean");
                double fill = c.containsKey("fill") ? number(c.get("fill"), name + ".fill") : mean;
                Object indicator = c.getOrDefault("missing_indicator", false);
                if (!(indicator instanceof Boolean)) {
                    throw new IllegalArgumentException(name + ".missing_indicator should be true or false");
                }
                features.add(FeatureColumn.numeric(name, mean,
                        positive(number(c.get("scale"), name + ".scale"), name + ".scale"), fill, (Boolean) indicator));
            } else {
                throw new IllegalArgumentException("feature column " + name + " has type " + c.get("type")
                        + "; known: numeric, categorical");
            }
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("preprocessing.features is empty");
        }
        List<String> ignored = new ArrayList<>();
        for (Object o : map.containsKey("ignored") ? list(map.get("ignored"), "preprocessing.ignored") : List.of()) {
            ignored.add(string(o, "an ignored column's name"));
        }
        Map<String, Object> l = object(map.get("label"), "preprocessing.label");
        Task task = Task.byName(string(l.get("task"), "label.task"));
        String name = string(l.get("name"), "label.name");
        if (task.isClassification()) {
            List<String> classes = new ArrayList<>();
            for (Object k : list(l.get("classes"), "label.classes")) {
                classes.add(string(k, "a class name"));
            }
            if (classes.size() < 2 || task == Task.BINARY && classes.size() != 2) {
                throw new IllegalArgumentException("label.classes lists " + classes.size() + " classes for "
                        + task.description());
            }
            return new Preprocessing(features, new LabelColumn(name, task, classes, 0.0, 1.0), ignored);
        }
        return new Preprocessing(features, new LabelColumn(name, task, List.of(), number(l.get("mean"), "label.mean"),
                positive(number(l.get("scale"), "label.scale"), "label.scale")), ignored);
    }

    private static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(what + " should be a list");
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(what + " should be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(what + " should be a string");
        }
        return s;
    }

    private static double number(Object value, String what) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(what + " should be a finite number");
        }
        return n.doubleValue();
    }

    private static double positive(double value, String what) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(what + " should be positive");
        }
        return value;
    }
}

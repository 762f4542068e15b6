package org.nn4j.recipe;

import java.util.List;
import org.nn4j.data.InputSettings;
import org.nn4j.grad.GradientMethod;
import org.nn4j.optim.LineSearch;
import org.nn4j.tensor.Precision;

/**
 * Changes some settings of a {@link Recipe} and keeps the rest; {@link #build} checks them all. Each setting means
 * what the recipe's component of the same name means.
 */
public final class RecipeBuilder {

    private String task;
    private List<Integer> hidden;
    private String activation;
    private String init;
    private double dropout;
    private Precision precision;
    private String optimizer;
    private Double learningRate;
    private double momentum;
    private Double weightDecay;
    private int lbfgsHistory;
    private LineSearch lineSearch;
    private double l2;
    private double clipNorm;
    private String schedule;
    private int batch;
    private int epochs;
    private int patience;
    private String monitor;
    private GradientMethod method;
    private double testFraction;
    private double validationFraction;
    private long seed;
    private InputSettings inputs;
    private String classWeight;

    RecipeBuilder(Recipe from) {
        this.task = from.task();
        this.hidden = from.hidden();
        this.activation = from.activation();
        this.init = from.init();
        this.dropout = from.dropout();
        this.precision = from.precision();
        this.optimizer = from.optimizer();
        this.learningRate = from.learningRate();
        this.momentum = from.momentum();
        this.weightDecay = from.weightDecay();
        this.lbfgsHistory = from.lbfgsHistory();
        this.lineSearch = from.lineSearch();
        this.l2 = from.l2();
        this.clipNorm = from.clipNorm();
        this.schedule = from.schedule();
        this.batch = from.batch();
        this.epochs = from.epochs();
        this.patience = from.patience();
        this.monitor = from.monitor();
        this.method = from.method();
        this.testFraction = from.testFraction();
        this.validationFraction = from.validationFraction();
        this.seed = from.seed();
        this.inputs = from.inputs();
        this.classWeight = from.classWeight();
    }

    public RecipeBuilder task(String task) {
        this.task = task;
        return this;
    }

    public RecipeBuilder hidden(List<Integer> sizes) {
        this.hidden = List.copyOf(sizes);
        return this;
    }

    public RecipeBuilder hidden(Integer... sizes) {
        return hidden(List.of(sizes));
    }

    public RecipeBuilder activation(String activation) {
        this.activation = activation;
        return this;
    }

    public RecipeBuilder init(String init) {
        this.init = init;
        return this;
    }

    public RecipeBuilder dropout(double dropout) {
        this.dropout = dropout;
        return this;
    }

    /** How weights and batches are stored; null for the gradient method's default ({@link Recipe#storage()}). */
    public RecipeBuilder precision(Precision precision) {
        this.precision = precision;
        return this;
    }

    public RecipeBuilder optimizer(String optimizer) {
        this.optimizer = optimizer;
        return this;
    }

    public RecipeBuilder learningRate(Double learningRate) {
        this.learningRate = learningRate;
        return this;
    }

    public RecipeBuilder momentum(double momentum) {
        this.momentum = momentum;
        return this;
    }

    public RecipeBuilder weightDecay(Double weightDecay) {
        this.weightDecay = weightDecay;
        return this;
    }

    public RecipeBuilder lbfgsHistory(int pairs) {
        this.lbfgsHistory = pairs;
        return this;
    }

    public RecipeBuilder lineSearch(LineSearch lineSearch) {
        this.lineSearch = lineSearch;
        return this;
    }

    public RecipeBuilder l2(double l2) {
        this.l2 = l2;
        return this;
    }

    public RecipeBuilder clipNorm(double clipNorm) {
        this.clipNorm = clipNorm;
        return this;
    }

    public RecipeBuilder schedule(String schedule) {
        this.schedule = schedule;
        return this;
    }

    public RecipeBuilder batch(int batch) {
        this.batch = batch;
        return this;
    }

    public RecipeBuilder epochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    public RecipeBuilder patience(int patience) {
        this.patience = patience;
        return this;
    }

    public RecipeBuilder monitor(String monitor) {
        this.monitor = monitor;
        return this;
    }

    public RecipeBuilder method(GradientMethod method) {
        this.method = method;
        return this;
    }

    public RecipeBuilder testFraction(double testFraction) {
        this.testFraction = testFraction;
        return this;
    }

    public RecipeBuilder validationFraction(double validationFraction) {
        this.validationFraction = validationFraction;
        return this;
    }

    public RecipeBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public RecipeBuilder inputs(InputSettings inputs) {
        this.inputs = inputs;
        return this;
    }

    public RecipeBuilder classWeight(String classWeight) {
        this.classWeight = classWeight;
        return this;
    }

    /** The recipe, every setting checked. */
    public Recipe build() {
        return new Recipe(task, hidden, activation, init, dropout, precision, optimizer, learningRate, momentum,
                weightDecay, lbfgsHistory, lineSearch, l2, clipNorm, schedule, batch, epochs, patience, monitor, method,
                testFraction, validationFraction, seed, inputs, classWeight);
    }
}

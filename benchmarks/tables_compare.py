"""nn4j's defaults, nn4j after `tune` and scikit-learn's MLP with GridSearchCV, on the same outer folds.

Usage: tables_compare.py WORK_DIR NN4J_COMMAND [--tables iris,digits,gaps,imbalanced,regression] [--trials N]
       [--max-load L] [--max-wait SECONDS] [--json FILE]

For each table it deals the rows into 5 outer folds (StratifiedKFold for classes, KFold for a number; shuffled,
random_state 0) and writes each fold's training and test rows as CSV files, the rows' text unchanged, so that both
sides read the very same rows. Per fold:
  - nn4j train with every setting at its default (seed 1) on the training rows, scored on the test rows;
  - nn4j tune (20 trials, seed 1) on the training rows, its refitted winner scored on the test rows: as it runs by
    default (trials ranked by 5-fold cross-validation on tables of at most 2,000 rows, as all of these are), and
    again ranked on one split's validation rows (--folds off);
  - on the imbalanced table, each of the above again with --class-weight balanced;
  - scikit-learn: Pipeline(ColumnTransformer(SimpleImputer(median) + StandardScaler on numbers, SimpleImputer +
    OneHotEncoder on text), MLPClassifier or MLPRegressor) in GridSearchCV (inner 3 folds, 2 jobs) over the grid
    in GRID below (24 configurations), refitted on all the training rows and scored on the test rows.
Each is scored by accuracy and balanced accuracy (classes) or R² (a number); the report gives mean ± sample standard
deviation over the 5 outer folds. The synthetic tables are drawn from numpy's seeded generator, so every run writes
the same files. Before each table it waits (up to --max-wait seconds, 300 by default) for the 1-minute load average to fall under --max-load,
and records the load it started at.
"""
import argparse
import csv
import json
import os
import re
import shlex
import subprocess
import sys
import time
import warnings

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, balanced_accuracy_score, r2_score
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

FOLDS = 5
INNER_FOLDS = 3
# What a careful user would search: widths and one deeper net, the L2 penalty, the learning rate. 4 × 3 × 2 = 24.
GRID = {
    "mlp__hidden_layer_sizes": [(32,), (64,), (128,), (64, 64)],
    "mlp__alpha": [1e-4, 1e-3, 1e-2],
    "mlp__learning_rate_init": [1e-3, 1e-2],
}
MAX_ITER = 500


# ---- the tables -------------------------------------------------------------------------------------------------

def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def number(x):
    return f"{x:.4f}"


def gaps_table(path, rows=600, seed=7):
    """Three classes from six numbers and a colour; 10% of the numeric cells and of the colours left empty."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 6))
    colours = np.array(["red", "green", "blue", "grey"])
    colour = colours[rng.integers(0, 4, size=rows)]
    effect = {"red": 1.0, "green": -1.0, "blue": 0.5, "grey": 0.0}
    z = 1.5 * x[:, 0] - x[:, 1] + 0.8 * x[:, 2] * x[:, 3] + np.array([effect[c] for c in colour]) \
        + 0.5 * rng.normal(size=rows)
    low, high = np.quantile(z, [1 / 3, 2 / 3])
    label = np.where(z < low, "low", np.where(z < high, "mid", "high"))
    numeric_gap = rng.random(size=x.shape) < 0.10
    colour_gap = rng.random(size=rows) < 0.10
    out = []
    for i in range(rows):
        cells = ["" if numeric_gap[i, j] else number(x[i, j]) for j in range(6)]
        out.append(cells + ["" if colour_gap[i] else colour[i], label[i]])
    write_csv(path, [f"x{j + 1}" for j in range(6)] + ["colour", "label"], out)
    return "label", "classification"


def imbalanced_table(path, rows=1000, seed=11):
    """Two classes, 90:10: 'rare' where a noisy nonlinear score of eight numbers is in its top tenth."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 8))
    z = x[:, 0] + 0.8 * x[:, 1] * x[:, 2] + 0.5 * x[:, 3] ** 2 - 0.5 * x[:, 4] + 0.5 * rng.normal(size=rows)
    label = np.where(z > np.quantile(z, 0.9), "rare", "common")
    write_csv(path, [f"x{j + 1}" for j in range(8)] + ["label"],
              [[number(v) for v in x[i]] + [label[i]] for i in range(rows)])
    return "label", "classification"


def regression_table(path, rows=400, seed=13):
    """Friedman's first problem: y = 10 sin(π x1 x2) + 20 (x3 − 0.5)² + 10 x4 + 5 x5 + noise, 3 unused inputs."""
    rng = np.random.default_rng(seed)
    x = rng.random(size=(rows, 8))
    y = 10 * np.sin(np.pi * x[:, 0] * x[:, 1]) + 20 * (x[:, 2] - 0.5) ** 2 + 10 * x[:, 3] + 5 * x[:, 4] \
        + rng.normal(size=rows)
    write_csv(path, [f"x{j + 1}" for j in range(8)] + ["y"],
              [[number(v) for v in x[i]] + [number(y[i])] for i in range(rows)])
    return "y", "regression"


def builtin_table(nn4j, name, label):
    def make(path):
        run(nn4j + ["data", name, "--out", path])
        return label, "classification"
    return make


# ---- running the two sides --------------------------------------------------------------------------------------

def run(command):
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {shlex.join(command)}\n{done.stderr}")
    return done.stdout


def test_metrics(report, task):
    """The test set's metrics from nn4j's report (the part after 'Test set')."""
    part = report[report.index("Test set"):]
    if task == "regression":
        return {"r2": float(re.search(r"^R²:\s+(-?[0-9.]+)", part, re.M).group(1))}
    return {"accuracy": float(re.search(r"^Accuracy:\s+([0-9.]+)", part, re.M).group(1)),
            "balanced_accuracy": float(re.search(r"^Balanced accuracy:\s+([0-9.]+)", part, re.M).group(1))}


def read_rows(path, label):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    li = header.index(label)
    columns = [c for c in header if c != label]
    x = [[r[i] for i in range(len(header)) if i != li] for r in rows]
    y = [r[li] for r in rows]
    return columns, x, y


def sklearn_side(train, test, label, task, headline):
    columns, train_x, train_y = read_rows(train, label)
    _, test_x, test_y = read_rows(test, label)

    def is_number(j):
        try:
            [float(r[j]) for r in train_x if r[j] != ""]
            return True
        except ValueError:
            return False

    numeric = [j for j in range(len(columns)) if is_number(j)]
    text = [j for j in range(len(columns)) if j not in numeric]

    def as_arrays(x):
        num = np.array([[float(r[j]) if r[j] != "" else np.nan for j in numeric] for r in x], dtype=float)
        txt = np.array([[r[j] if r[j] != "" else "(missing)" for j in text] for r in x], dtype=object)
        return np.concatenate([num.astype(object), txt], axis=1) if text else num

    parts = [("numbers", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]),
              list(range(len(numeric))))]
    if text:
        parts.append(("text", OneHotEncoder(handle_unknown="ignore"),
                      list(range(len(numeric), len(numeric) + len(text)))))
    prepare = ColumnTransformer(parts)
    if task == "regression":
        model, scoring, inner = MLPRegressor(max_iter=MAX_ITER, random_state=0), "r2", \
            KFold(INNER_FOLDS, shuffle=True, random_state=0)
        ty, sy = np.array(train_y, dtype=float), np.array(test_y, dtype=float)
    else:
        model, scoring, inner = MLPClassifier(max_iter=MAX_ITER, random_state=0), headline, \
            StratifiedKFold(INNER_FOLDS, shuffle=True, random_state=0)
        ty, sy = np.array(train_y), np.array(test_y)
    search = GridSearchCV(Pipeline([("prepare", prepare), ("mlp", model)]), GRID, scoring=scoring, cv=inner,
                          n_jobs=2)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        search.fit(as_arrays(train_x), ty)
    seconds = time.perf_counter() - start
    predicted = search.predict(as_arrays(test_x))
    if task == "regression":
        metrics = {"r2": r2_score(sy, predicted)}
    else:
        metrics = {"accuracy": accuracy_score(sy, predicted),
                   "balanced_accuracy": balanced_accuracy_score(sy, predicted)}
    best = {k.replace("mlp__", ""): (list(v) if isinstance(v, tuple) else v) for k, v in search.best_params_.items()}
    return metrics, seconds, best


# ---- the comparison ---------------------------------------------------------------------------------------------

def wait_for_quiet(max_load, patience=300):
    start = time.time()
    while os.getloadavg()[0] >= max_load and time.time() - start < patience:
        time.sleep(10)
    return os.getloadavg()


def outer_folds(path, label, task, folder):
    with open(path, newline="") as f:
        lines = f.read().splitlines()
    header, body = lines[0], lines[1:]
    li = next(csv.reader([header])).index(label)
    y = np.array([next(csv.reader([line]))[li] for line in body])
    splitter = KFold(FOLDS, shuffle=True, random_state=0) if task == "regression" \
        else StratifiedKFold(FOLDS, shuffle=True, random_state=0)
    folds = []
    for k, (train, test) in enumerate(splitter.split(np.zeros(len(y)), y), start=1):
        fold = os.path.join(folder, f"fold{k}")
        os.makedirs(fold, exist_ok=True)
        for name, rows in (("train.csv", train), ("test.csv", test)):
            with open(os.path.join(fold, name), "w") as f:
                f.write("\n".join([header] + [body[i] for i in rows]) + "\n")
        folds.append(fold)
    return folds


def summary(values):
    values = np.array(values, dtype=float)
    return {"mean": float(values.mean()), "sd": float(values.std(ddof=1)), "folds": [float(v) for v in values]}


def compare(name, make, args, nn4j):
    folder = os.path.join(args.work, name)
    os.makedirs(folder, exist_ok=True)
    load = wait_for_quiet(args.max_load, args.max_wait)
    path = os.path.join(folder, f"{name}.csv")
    label, task = make(path)
    headline = "balanced_accuracy" if name == "imbalanced" else ("r2" if task == "regression" else "accuracy")
    tune = ["tune", "--trials", str(args.trials)]
    holdout = tune + ["--folds", "off"]
    commands = {"nn4j defaults": ["train", "--quiet"], "nn4j tune": tune, "nn4j tune --folds off": holdout}
    if name == "imbalanced":
        balanced = ["--class-weight", "balanced"]
        commands.update({"nn4j defaults --class-weight balanced": ["train", "--quiet"] + balanced,
                         "nn4j tune --class-weight balanced": tune + balanced,
                         "nn4j tune --folds off --class-weight balanced": holdout + balanced})
    sides = {side: [] for side in list(commands) + ["scikit-learn GridSearchCV"]}
    seconds = {side: 0.0 for side in sides}
    tuned, grid = {side: [] for side in commands if "tune" in side}, []
    for fold in outer_folds(path, label, task, folder):
        data = ["--data", os.path.join(fold, "train.csv"), "--label", label,
                "--test-data", os.path.join(fold, "test.csv"), "--seed", "1"]
        for side, command in commands.items():
            start = time.perf_counter()
            report = run(nn4j + command[:1] + data + command[1:])
            seconds[side] += time.perf_counter() - start
            sides[side].append(test_metrics(report, task))
            if side in tuned:
                best = re.search(r"^Best: trial (\d+)", report, re.M).group(1)
                row = re.search(rf"^\d+\s+{best}\s+(.*)$", report, re.M).group(1)
                tuned[side].append(f"trial {best}: " + " ".join(row.split()))
        metrics, spent, best = sklearn_side(os.path.join(fold, "train.csv"), os.path.join(fold, "test.csv"),
                                            label, task, headline)
        sides["scikit-learn GridSearchCV"].append(metrics)
        seconds["scikit-learn GridSearchCV"] += spent
        grid.append(best)
        print(f"{name} {os.path.basename(fold)}: " + "; ".join(
            f"{side} {sides[side][-1][headline]:.4f}" for side in sides), flush=True)
    result = {"table": name, "task": task, "headline": headline, "load_average_at_start": list(load),
              "sides": {side: {metric: summary([m[metric] for m in values]) for metric in values[0]}
                        for side, values in sides.items()},
              "seconds": seconds, "tune_winners": tuned, "grid_winners": grid}
    return result


def main():
    # GridSearchCV's workers are other processes: they learn to be quiet about unconverged fits from here.
    os.environ["PYTHONWARNINGS"] = "ignore"
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("nn4j")
    parser.add_argument("--tables", default="iris,digits,gaps,imbalanced,regression")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--max-load", type=float, default=0.5)
    parser.add_argument("--max-wait", type=float, default=300, help="seconds to wait for the load to fall")
    parser.add_argument("--json")
    args = parser.parse_args()
    nn4j = shlex.split(args.nn4j)
    makers = {"iris": builtin_table(nn4j, "iris", "species"), "digits": builtin_table(nn4j, "digits", "digit"),
              "gaps": gaps_table, "imbalanced": imbalanced_table, "regression": regression_table}
    results = []
    for name in args.tables.split(","):
        results.append(compare(name, makers[name], args, nn4j))
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=1)
    print()
    for r in results:
        metrics = list(r["sides"]["nn4j tune"])
        print(f"{r['table']} ({r['task']}, 5 outer folds, load average {r['load_average_at_start'][0]:.2f} at the"
              f" start): mean ± sd of {', '.join(metrics)}; seconds over the 5 folds")
        for side, values in r["sides"].items():
            cells = [f"{values[m]['mean']:.4f} ± {values[m]['sd']:.4f}" for m in metrics]
            print(f"  {side:45s} " + "   ".join(cells) + f"   {r['seconds'][side]:6.0f} s")
        for side, winners in r["tune_winners"].items():
            for t in winners:
                print(f"  {side} winner {t}")
        for g in r["grid_winners"]:
            print(f"  grid winner {g}")

if __name__ == "__main__":
    main()

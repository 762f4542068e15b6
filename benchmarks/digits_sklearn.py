"""Trains scikit-learn's MLPClassifier on the digits split that nn4j uses and prints its test accuracy.

Usage: python3 digits_sklearn.py TRAIN.csv TEST.csv SEED
Needs Debian's python3-sklearn. The model is MLPClassifier(hidden_layer_sizes=(64,)) with every other setting at
its default (Adam, lr 0.001, batch 200, up to 200 epochs, L2 alpha 1e-4), first on the raw pixel values 0-16 as
scikit-learn's defaults take them, then with a StandardScaler fitted on the training rows (what nn4j does).
"""
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(int)


def main():
    train_x, train_y = load(sys.argv[1])
    test_x, test_y = load(sys.argv[2])
    seed = int(sys.argv[3])
    warnings.simplefilter("ignore", ConvergenceWarning)
    for name, model in [
        ("raw pixels", MLPClassifier(hidden_layer_sizes=(64,), random_state=seed)),
        ("standardised", make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(64,), random_state=seed))),
    ]:
        start = time.perf_counter()
        model.fit(train_x, train_y)
        seconds = time.perf_counter() - start
        accuracy = float(np.mean(model.predict(test_x) == test_y))
        print(f"scikit-learn MLPClassifier(64), {name}: test accuracy {accuracy:.4f} "
              f"({len(test_y)} rows), trained in {seconds:.2f} s")


if __name__ == "__main__":
    main()

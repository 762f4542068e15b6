"""Prints how scikit-learn's StratifiedKFold spreads classes over folds, for nn4j's FoldsTest.

Usage: stratified_folds.py K LABEL,LABEL,...
Prints one line per fold: the number of rows of each class in that fold's test part, classes in order of first
appearance, separated by spaces. The counts do not depend on the shuffle's seed, so nn4j's own seeded shuffle can
be compared with them.
"""
import sys

import numpy as np
from sklearn.model_selection import StratifiedKFold

k = int(sys.argv[1])
labels = np.array(sys.argv[2].split(","))
order = list(dict.fromkeys(labels))
for _, test in StratifiedKFold(n_splits=k, shuffle=True, random_state=0).split(np.zeros(len(labels)), labels):
    print(" ".join(str(int(np.sum(labels[test] == c))) for c in order))

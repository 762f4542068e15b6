"""Writes sklearn-metrics.json: ROC AUC, PR AUC (average precision) and balanced accuracy of worked examples, by
scikit-learn, for RankingMetricsTest to repeat. The scores have ties on purpose: that is where the ways of drawing
the curves differ.

Run with Debian's python3-sklearn:  /usr/bin/python3 sklearn_metrics.py > sklearn-metrics.json

Binary: the score is the probability of class 1, the predicted class 1 when it is at least 0.5 (as nn4j reads a
sigmoid output). Multi-class: one probability per class, the predicted class the first most probable; ROC AUC is
roc_auc_score(multi_class="ovr", average="macro"), PR AUC average_precision_score of the one-hot labels, macro
(scikit-learn 1.2 takes no multi-class labels there; later versions binarize them the same way).
"""
import json
import numpy as np
import sklearn
from sklearn.metrics import average_precision_score, balanced_accuracy_score, roc_auc_score
from sklearn.preprocessing import label_binarize


def binary(y, p):
    y, p = np.array(y), np.array(p)
    return {"y": y.tolist(), "scores": [[v] for v in p.tolist()], "roc_auc": roc_auc_score(y, p),
            "pr_auc": average_precision_score(y, p),
            "balanced_accuracy": balanced_accuracy_score(y, (p >= 0.5).astype(int))}


def multiclass(y, p):
    y, p = np.array(y), np.array(p)
    k = p.shape[1]
    return {"y": y.tolist(), "scores": p.tolist(),
            "roc_auc": roc_auc_score(y, p, multi_class="ovr", average="macro"),
            "pr_auc": average_precision_score(label_binarize(y, classes=list(range(k))), p, average="macro"),
            "balanced_accuracy": balanced_accuracy_score(y, p.argmax(axis=1))}


rng = np.random.RandomState(16)
# 95:5 imbalance, scores rounded to one decimal so that many tie.
y_rare = (rng.rand(200) < 0.05).astype(int)
p_rare = np.round(np.clip(0.25 + 0.35 * y_rare + rng.normal(0, 0.2, 200), 0, 1), 1)
# Three classes, probabilities in steps of 0.05 so that scores tie within each column.
y_three = rng.randint(0, 3, 60)
logits = rng.normal(0, 1, (60, 3)) + 1.2 * np.eye(3)[y_three]
p_three = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
p_three = np.round(p_three * 20) / 20
p_three[:, 2] = 1 - p_three[:, 0] - p_three[:, 1]

print(json.dumps({
    "sklearn_version": sklearn.__version__,
    "examples": {
        "binary_ties": binary([0, 0, 1, 1, 0, 1, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.8, 0.2, 0.35, 0.9, 0.8]),
        "binary_all_tied": binary([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]),
        "binary_imbalanced": binary(y_rare.tolist(), p_rare.tolist()),
        "three_classes_small": multiclass([0, 1, 2, 2, 1, 0], [[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.2, 0.7],
                                                              [0.3, 0.3, 0.4], [0.4, 0.4, 0.2], [0.4, 0.4, 0.2]]),
        "three_classes_ties": multiclass(y_three.tolist(), p_three.tolist()),
    }}, indent=1))

"""scikit-learn's answer for ImputationMatchesScikitLearnTest.

Reads {"train": rows, "test": rows, "strategy": "median" or "mean"} as JSON on stdin (null marks a missing
value), fits SimpleImputer(strategy, add_indicator=True) on the training rows and a StandardScaler on the
imputed training columns, and writes as JSON: the imputer's statistics, which columns got an indicator, the
scaler's mean and scale, and the test rows transformed (imputed columns, then the indicators).
"""
import json
import sys

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

request = json.load(sys.stdin)


def matrix(rows):
    return np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=np.float64)


train = matrix(request["train"])
test = matrix(request["test"])
imputer = SimpleImputer(strategy=request["strategy"], add_indicator=True).fit(train)
columns = train.shape[1]
scaler = StandardScaler().fit(imputer.transform(train)[:, :columns])
json.dump({
    "statistics": imputer.statistics_.tolist(),
    "indicator_features": imputer.indicator_.features_.tolist(),
    "mean": scaler.mean_.tolist(),
    "scale": scaler.scale_.tolist(),
    "test": imputer.transform(test).tolist(),
}, sys.stdout)

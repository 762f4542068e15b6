"""Predicts with an nn4j regression model in PyTorch, for rows in a CSV file with a header, and prints what
`nn4j predict MODEL --input CSV` prints: a header, then one value per row. Used by the interop test
(TorchLoaderIT) to check load_nn4j and encode_rows against nn4j itself.

    /usr/bin/python3 interop/predict_torch.py MODEL.nn4j ROWS.csv
"""

import csv
import sys

import torch

from nn4j_torch import encode_rows, load_nn4j, preprocessing


def main(model_path, rows_path):
    prep = preprocessing(model_path)
    if prep is None or prep["label"]["task"] != "regression":
        raise SystemExit("predict_torch.py: expected a regression model trained on a table")
    names = [c["name"] for c in prep["features"]]
    with open(rows_path, newline="", encoding="utf-8") as f:
        rows = [[row[n] for n in names] for row in csv.DictReader(f)]
    model = load_nn4j(model_path)
    dtype = next(model.parameters()).dtype
    if all(c["type"] == "numeric" for c in prep["features"]):
        inputs = torch.tensor([[float(v) for v in row] for row in rows], dtype=dtype)
    else:
        inputs = encode_rows(model_path, rows, dtype=dtype)
    with torch.no_grad():
        outputs = model(inputs)
    print("predicted_" + prep["label"]["name"])
    for value in outputs[:, 0].tolist():
        print(repr(value))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

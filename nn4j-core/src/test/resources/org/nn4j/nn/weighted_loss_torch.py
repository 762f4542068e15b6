"""Writes weighted-loss-torch.json: losses and gradients of class-weighted losses, computed by PyTorch in float64,
for ClassWeightedLossTest to repeat; and scikit-learn's balanced class weights for a few label lists.

Run with Debian's python3-torch and python3-sklearn:  /usr/bin/python3 weighted_loss_torch.py > weighted-loss-torch.json

Networks: 3 inputs -> 4 tanh -> 3 logits (CrossEntropyLoss(weight=w), mean over the weights) and
3 inputs -> 4 tanh -> 1 sigmoid (BCELoss(weight=w[y]), mean over the samples), weights stored as nn4j does
(W of shape inputs x units, z = x W + b).
"""
import json
import numpy as np
import sklearn
import torch
from sklearn.utils.class_weight import compute_class_weight

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(16)
X = torch.randn(8, 3, generator=gen)


def parameters(outputs):
    return [torch.randn(3, 4, generator=gen) * 0.7, torch.randn(1, 4, generator=gen) * 0.1,
            torch.randn(4, outputs, generator=gen) * 0.7, torch.randn(1, outputs, generator=gen) * 0.1]


def case(outputs, labels, class_weights):
    initial = parameters(outputs)
    params = [t.clone().requires_grad_(True) for t in initial]
    w1, b1, w2, b2 = params
    z = torch.tanh(X @ w1 + b1) @ w2 + b2
    weight = torch.tensor(class_weights)
    if outputs == 1:
        y = torch.tensor(labels, dtype=torch.float64).unsqueeze(1)
        loss = torch.nn.BCELoss(weight=weight[torch.tensor(labels)].unsqueeze(1))(torch.sigmoid(z), y)
        targets = y
    else:
        loss = torch.nn.CrossEntropyLoss(weight=weight)(z, torch.tensor(labels))
        targets = torch.nn.functional.one_hot(torch.tensor(labels), outputs).double()
    loss.backward()
    return {"class_weights": class_weights, "y": targets.tolist(), "initial": [t.tolist() for t in initial],
            "loss": loss.item(), "gradients": [t.grad.tolist() for t in params]}


def balanced(labels):
    classes = np.unique(labels)
    return {"labels": labels, "weights": compute_class_weight("balanced", classes=classes, y=np.array(labels)).tolist()}


print(json.dumps({
    "torch_version": torch.__version__, "sklearn_version": sklearn.__version__,
    "x": X.tolist(),
    "softmax": case(3, [0, 2, 1, 2, 2, 0, 2, 1], [0.5, 2.0, 1.25]),
    "binary": case(1, [1, 0, 0, 1, 0, 0, 0, 1], [0.6, 3.0]),
    "balanced": [balanced([0, 0, 0, 0, 0, 0, 1, 2, 2]), balanced([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])],
}, indent=1))

"""PyTorch side of nn4j's L-BFGS check: trains a small network with torch.optim.LBFGS from the weights and rows
nn4j gives, so that LbfgsPyTorchTest can compare the weights both reach.

    python3 interop/lbfgs_torch.py problem.json > torch.json

problem.json holds the rows ("x", and one-hot "y"), the hidden activation, and the runs: each a name, the layers'
initial weights as nn4j stores them (weight inputs x units, z = x W + b), a learning rate, iterations per step, a
line search ("none" or "strong_wolfe"), a history size, an L2 penalty (lambda/2)*sum(W^2) on the weight matrices
and a number of steps.
Each step is one optimizer.step(closure) over all rows, in float64, as nn4j takes one per epoch. The output holds
each run's loss over the rows after every step (without the penalty, as nn4j reports it) and its final weights,
in nn4j's layout.
"""

import json
import sys

import torch

ACTIVATIONS = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}


def run(problem, spec):
    x = torch.tensor(problem["x"], dtype=torch.float64)
    labels = torch.tensor(problem["y"], dtype=torch.float64).argmax(dim=1)
    hidden = ACTIVATIONS[problem["activation"]]
    params = []
    for layer in spec["layers"]:
        params.append(torch.tensor(layer["weight"], dtype=torch.float64, requires_grad=True))
        params.append(torch.tensor(layer["bias"], dtype=torch.float64, requires_grad=True))
    weights = params[0::2]
    optimizer = torch.optim.LBFGS(params, lr=spec["lr"], max_iter=spec["max_iter"], history_size=spec["history_size"],
                                  line_search_fn=None if spec["line_search"] == "none" else spec["line_search"])

    def data_loss():
        z = x
        for k in range(0, len(params), 2):
            z = z @ params[k] + params[k + 1]
            if k + 2 < len(params):
                z = hidden(z)
        return torch.nn.functional.cross_entropy(z, labels)

    def closure():
        optimizer.zero_grad()
        loss = data_loss()
        if spec["l2"] > 0:
            loss = loss + spec["l2"] / 2 * sum((w ** 2).sum() for w in weights)
        loss.backward()
        return loss

    losses = []
    for _ in range(spec["steps"]):
        optimizer.step(closure)
        with torch.no_grad():
            losses.append(float(data_loss()))
    return {"losses": losses, "weights": [p.detach().reshape(-1).tolist() for p in params]}


def main():
    with open(sys.argv[1]) as f:
        problem = json.load(f)
    runs = {spec["name"]: run(problem, spec) for spec in problem["runs"]}
    json.dump({"torch_version": torch.__version__, "runs": runs}, sys.stdout)


if __name__ == "__main__":
    main()

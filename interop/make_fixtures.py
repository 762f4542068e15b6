"""Makes the committed interop fixtures under interop/fixtures/ with PyTorch (Debian's python3-torch).

    python3 interop/make_fixtures.py

PyTorch -> nn4j: two nn.Sequential networks with random weights, saved as safetensors state dicts, and the
outputs PyTorch computes for recorded inputs (torch_*.json).
nn4j -> PyTorch: the nn4j model fixtures/iris.nn4j (made by `nn4j train`, see README) loaded with load_nn4j,
and PyTorch's outputs for raw iris rows (iris_torch.json).
The Java tests (TorchInteropTest) compare nn4j's predictions with these recorded outputs.
"""

import json
import os

import torch

from nn4j_torch import load_nn4j, write_safetensors

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")


def record(name, model, inputs, activations, description):
    with torch.no_grad():
        outputs = model(inputs)
    write_safetensors(model.state_dict(), os.path.join(HERE, name + ".safetensors"))
    sizes = [model[0].in_features] + [m.out_features for m in model if isinstance(m, torch.nn.Linear)]
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump({"description": description, "layers": sizes, "activations": activations,
                   "dtype": str(inputs.dtype).replace("torch.", ""),
                   "inputs": inputs.tolist(), "outputs": outputs.tolist()}, f, indent=1)


def main():
    torch.manual_seed(2026)
    mlp32 = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.ReLU(), torch.nn.Linear(16, 8), torch.nn.Tanh(),
                                torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1))
    record("torch_mlp_f32", mlp32, torch.randn(32, 4), ["relu", "tanh", "softmax"],
           "float32 Sequential(Linear(4,16), ReLU, Linear(16,8), Tanh, Linear(8,3), Softmax)")

    mlp64 = torch.nn.Sequential(torch.nn.Linear(5, 12), torch.nn.LeakyReLU(0.01), torch.nn.Linear(12, 6),
                                torch.nn.Sigmoid(), torch.nn.Linear(6, 1), torch.nn.Identity()).double()
    record("torch_mlp_f64", mlp64, torch.randn(32, 5, dtype=torch.float64), ["leaky_relu", "sigmoid", "identity"],
           "float64 Sequential(Linear(5,12), LeakyReLU(0.01), Linear(12,6), Sigmoid, Linear(6,1))")

    iris = load_nn4j(os.path.join(HERE, "iris.nn4j"))
    rows = [[5.1, 3.5, 1.4, 0.2], [6.4, 3.2, 4.5, 1.5], [6.3, 3.3, 6.0, 2.5], [5.9, 3.0, 5.1, 1.8],
            [4.4, 2.9, 1.4, 0.2], [7.7, 2.6, 6.9, 2.3], [5.5, 2.4, 3.8, 1.1], [6.0, 2.2, 5.0, 1.5]]
    inputs = torch.tensor(rows, dtype=torch.float64)
    with torch.no_grad():
        outputs = iris(inputs)
    with open(os.path.join(HERE, "iris_torch.json"), "w") as f:
        json.dump({"description": "fixtures/iris.nn4j run by PyTorch through load_nn4j",
                   "inputs": rows, "outputs": outputs.tolist()}, f, indent=1)


if __name__ == "__main__":
    main()

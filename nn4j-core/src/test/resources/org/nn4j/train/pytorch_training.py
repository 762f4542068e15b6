"""Writes pytorch-training.json: ten full-batch training steps of a small network, done by PyTorch, for
PyTorchTrainingTest to repeat with MiniBatchTrainer (batch size = all rows, so shuffling cannot matter).

Run with Debian's python3-torch:  python3 pytorch_training.py > pytorch-training.json

Network: 3 inputs -> 4 tanh -> 3 softmax (cross-entropy on the logits), weights stored as nn4j does
(W of shape inputs x units, z = x W + b).
"""
import json
import torch

torch.set_default_dtype(torch.float64)
gen = torch.Generator().manual_seed(7)
X = torch.randn(8, 3, generator=gen)
labels = torch.tensor([0, 1, 2, 1, 0, 2, 2, 1])
Y = torch.nn.functional.one_hot(labels, 3).double()
W1 = torch.randn(3, 4, generator=gen) * 0.5
B1 = torch.randn(1, 4, generator=gen) * 0.1
W2 = torch.randn(4, 3, generator=gen) * 0.5
B2 = torch.randn(1, 3, generator=gen) * 0.1
STEPS = 10

CONFIGS = {
    "adam_clip": dict(make=lambda p: torch.optim.Adam(p, lr=0.05), clip=0.5, l2=0.0),
    "momentum_l2": dict(make=lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.9), clip=None, l2=0.01),
    "rmsprop": dict(make=lambda p: torch.optim.RMSprop(p, lr=0.01), clip=None, l2=0.0),
    "adamw_step_schedule": dict(make=lambda p: torch.optim.AdamW(p, lr=0.05, weight_decay=0.1), clip=None, l2=0.0,
                                schedule=lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
}


def run(config):
    params = [t.clone().requires_grad_(True) for t in (W1, B1, W2, B2)]
    w1, b1, w2, b2 = params
    optimizer = config["make"](params)
    scheduler = config["schedule"](optimizer) if "schedule" in config else None
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        logits = torch.tanh(X @ w1 + b1) @ w2 + b2
        loss = torch.nn.functional.cross_entropy(logits, labels)
        losses.append(loss.item())
        total = loss + config["l2"] / 2 * ((w1 ** 2).sum() + (w2 ** 2).sum())
        total.backward()
        if config["clip"] is not None:
            torch.nn.utils.clip_grad_norm_(params, config["clip"])
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
    return {"losses": losses, "final": [t.detach().tolist() for t in params]}


print(json.dumps({
    "torch_version": torch.__version__,
    "x": X.tolist(), "y": Y.tolist(),
    "initial": [t.tolist() for t in (W1, B1, W2, B2)],
    "runs": {name: run(config) for name, config in CONFIGS.items()},
}, indent=1))

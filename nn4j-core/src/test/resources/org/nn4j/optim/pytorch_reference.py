"""Writes pytorch-reference.json: optimizer steps, learning-rate schedules and gradient clipping computed by
PyTorch itself, for OptimizerReferenceTest and ScheduleReferenceTest to compare against.

Run with Debian's python3-torch:  python3 pytorch_reference.py > pytorch-reference.json

The problem is a weighted quadratic, L(θ) = ½ Σ a·(θ − t)², whose gradient a·(θ − t) is set by hand before
each step (not by autograd), so the Java test can form exactly the same gradient.
"""
import json
import torch

torch.set_default_dtype(torch.float64)
THETA0 = [[0.5, -1.5], [2.0, 0.25]]
A = torch.tensor([[1.0, 4.0], [0.25, 2.0]])
T = torch.tensor([[1.0, 0.0], [-1.0, 0.5]])
STEPS = 6

OPTIMIZERS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_weight_decay": lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.05),
    "momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "momentum_dampening_decay": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1,
                                                          weight_decay=0.01),
    "nesterov": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "rmsprop": lambda p: torch.optim.RMSprop(p, lr=0.01),
    "rmsprop_momentum_decay": lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.9, weight_decay=0.1),
    "adam": lambda p: torch.optim.Adam(p, lr=0.1),
    "adam_weight_decay": lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.1),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.1),
    "adamw_strong_decay": lambda p: torch.optim.AdamW(p, lr=0.1, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.5),
}


def trajectory(make):
    theta = torch.tensor(THETA0, requires_grad=True)
    optimizer = make([theta])
    steps = []
    for _ in range(STEPS):
        with torch.no_grad():
            theta.grad = A * (theta.detach() - T)
        optimizer.step()
        steps.append(theta.detach().flatten().tolist())
    return steps


def schedule(make, epochs=14, metrics=None):
    theta = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([theta], lr=1.0)
    scheduler = make(optimizer)
    rates = [optimizer.param_groups[0]["lr"]]
    for epoch in range(epochs):
        optimizer.step()
        if metrics is None:
            scheduler.step()
        else:
            scheduler.step(metrics[epoch])
        rates.append(optimizer.param_groups[0]["lr"])
    return rates


PLATEAU_METRICS = [1.0, 0.9, 0.95, 0.91, 0.92, 0.89, 0.89, 0.9, 0.9, 0.8, 0.85, 0.86, 0.87, 0.88]
S = torch.optim.lr_scheduler
SCHEDULES = {
    "step": schedule(lambda o: S.StepLR(o, step_size=3, gamma=0.5)),
    "exponential": schedule(lambda o: S.ExponentialLR(o, gamma=0.9)),
    "cosine": schedule(lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.01), epochs=10),
    "plateau": schedule(lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=2, cooldown=1),
                        metrics=PLATEAU_METRICS),
}


def clipped(max_norm):
    w = torch.zeros(2, 2, requires_grad=True)
    b = torch.zeros(1, 2, requires_grad=True)
    w.grad = torch.tensor([[3.0, -4.0], [1.0, 2.0]])
    b.grad = torch.tensor([[0.5, -6.0]])
    norm = torch.nn.utils.clip_grad_norm_([w, b], max_norm)
    return {"norm": float(norm), "weight": w.grad.flatten().tolist(), "bias": b.grad.flatten().tolist()}


print(json.dumps({
    "torch_version": torch.__version__,
    "theta0": THETA0, "a": A.tolist(), "t": T.tolist(),
    "optimizers": {name: trajectory(make) for name, make in OPTIMIZERS.items()},
    "schedules": SCHEDULES, "plateau_metrics": PLATEAU_METRICS,
    "clipping": {"max_norm_1": clipped(1.0), "max_norm_100": clipped(100.0)},
}, indent=1))

"""The peers nn4j is compared with, one measurement per process, each printed as one JSON line with the
process's peak memory. Run by compare.sh, interleaved with nn4j's own measurements.

  python3 peers.py xor-numpy    [--seconds S]   the tutorial's numpy training, numerical gradient: us per epoch
  python3 peers.py xor-torch    [--seconds S]   the same 2-2-1 net with autograd and SGD: us per epoch
  python3 peers.py mlp-torch    --dtype float32|float64 --threads N [--samples N] [--seconds S]
  python3 peers.py mlp-sklearn  --threads N [--samples N]
  python3 peers.py predict-torch --batch B [--seconds S]
  python3 peers.py matmul-torch --n N --dtype float32|float64 --threads N [--seconds S]   GFLOP/s of an N×N product

The MLP is 784-256-128-10, ReLU, softmax cross-entropy, plain SGD (lr 0.01), batch 128, on random inputs and
labels; prediction uses the same network in float32 (PyTorch's default) without gradients.
"""
import argparse
import json
import os
import resource
import sys
import time


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def emit(**fields):
    fields["peak_rss_bytes"] = peak_rss_bytes()
    print(json.dumps(fields))


def timed(step, seconds, warmup_seconds):
    """Calls step() for warmup_seconds, then for seconds; returns calls per second of the second part."""
    end = time.perf_counter() + warmup_seconds
    while time.perf_counter() < end:
        step()
    calls = 0
    start = time.perf_counter()
    while True:
        step()
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return calls / elapsed


def xor_numpy(args):
    import numpy as np
    rng = np.random.RandomState(0)
    w1, b1, w2, b2 = rng.randn(2, 2), rng.randn(1, 2), rng.randn(2, 1), rng.randn(1, 1)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    y = np.array([[0], [1], [1], [0]])
    rate, eps = 0.01, 1e-5

    def forward():
        hidden = np.maximum(np.dot(x, w1) + b1, 0)
        return 1 / (1 + np.exp(-(np.dot(hidden, w2) + b2)))

    def loss_of(p):
        p = np.clip(p, 1e-15, 1 - 1e-15)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def epoch():
        base = loss_of(forward())
        grads = []
        for tensor in (w1, b1, w2, b2):
            g = np.zeros_like(tensor)
            for index in np.ndindex(tensor.shape):
                tensor[index] += eps
                g[index] = (loss_of(forward()) - base) / eps
                tensor[index] -= eps
            grads.append(g)
        for tensor, g in zip((w1, b1, w2, b2), grads):
            tensor -= rate * g

    rate_per_s = timed(epoch, args.seconds, 0.5)
    emit(case="xor-numpy", us_per_epoch=1e6 / rate_per_s, numpy=np.__version__)


def xor_torch(args):
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = torch.tensor([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    y = torch.tensor([[0.], [1.], [1.], [0.]])
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

    def epoch():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    rate_per_s = timed(epoch, args.seconds, 0.5)
    emit(case="xor-torch", us_per_epoch=1e6 / rate_per_s, torch=torch.__version__)


def mlp_model(torch):
    return torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
                               torch.nn.ReLU(), torch.nn.Linear(128, 10))


def mlp_torch(args):
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    dtype = getattr(torch, args.dtype)
    x = torch.randn(args.samples, 784, dtype=dtype)
    labels = torch.randint(0, 10, (args.samples,))
    model = mlp_model(torch).to(dtype)
    loss_fn = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    batch = 128
    order = torch.randperm(args.samples)
    cursor = [0]

    def step():
        if cursor[0] + batch > args.samples:
            cursor[0] = 0
        index = order[cursor[0]:cursor[0] + batch]
        cursor[0] += batch
        optimizer.zero_grad()
        loss = loss_fn(model(x[index]), labels[index])
        loss.backward()
        optimizer.step()

    rate_per_s = timed(step, args.seconds, 1.0)
    emit(case="mlp-torch-" + args.dtype, threads=args.threads, samples_per_second=batch * rate_per_s,
         torch=torch.__version__)


def mlp_sklearn(args):
    import numpy as np
    from sklearn.neural_network import MLPClassifier
    rng = np.random.RandomState(0)
    x = rng.randn(args.samples, 784)
    labels = rng.randint(0, 10, args.samples)
    model = MLPClassifier(hidden_layer_sizes=(256, 128), activation="relu", solver="sgd", batch_size=128,
                          learning_rate_init=0.01, momentum=0.0, nesterovs_momentum=False, alpha=0.0, shuffle=True,
                          random_state=0)
    classes = np.arange(10)
    model.partial_fit(x[:1280], labels[:1280], classes=classes)
    start = time.perf_counter()
    model.partial_fit(x, labels)
    elapsed = time.perf_counter() - start
    import sklearn
    emit(case="mlp-sklearn", threads=args.threads, samples_per_second=args.samples / elapsed,
         sklearn=sklearn.__version__)


def predict_torch(args):
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = mlp_model(torch).eval()
    x = torch.randn(args.batch, 784)

    def call():
        with torch.no_grad():
            model(x)

    rate_per_s = timed(call, args.seconds, 1.0)
    emit(case="predict-torch", batch=args.batch, samples_per_second=args.batch * rate_per_s,
         torch=torch.__version__)


def matmul_torch(args):
    import torch
    torch.set_num_threads(args.threads)
    dtype = getattr(torch, args.dtype)
    a = torch.randn(args.n, args.n, dtype=dtype)
    b = torch.randn(args.n, args.n, dtype=dtype)
    rate_per_s = timed(lambda: a @ b, args.seconds, 1.0)
    emit(case="matmul-torch-" + args.dtype, threads=args.threads, n=args.n, gflops=2 * args.n ** 3 * rate_per_s / 1e9,
         torch=torch.__version__)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=["xor-numpy", "xor-torch", "mlp-torch", "mlp-sklearn", "predict-torch",
                                         "matmul-torch"])
    parser.add_argument("--n", type=int, default=1024)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    parser.add_argument("--batch", type=int, default=1)
    args = parser.parse_args()
    {"xor-numpy": xor_numpy, "xor-torch": xor_torch, "mlp-torch": mlp_torch, "mlp-sklearn": mlp_sklearn,
     "predict-torch": predict_torch, "matmul-torch": matmul_torch}[args.case](args)


if __name__ == "__main__":
    sys.exit(main())

"""The peers nn4j is compared with, one measurement per process, each printed as one JSON line with the
process's peak memory. Run by compare.sh, interleaved with nn4j's own measurements.

  python3 peers.py xor-numpy    [--seconds S]   the tutorial's numpy training, numerical gradient: us per epoch
  python3 peers.py xor-torch    [--seconds S]   the same 2-2-1 net with autograd and SGD: us per epoch
  python3 peers.py mlp-torch    --dtype float32|float64 --threads N --batches gathered|contiguous [--samples N]
                                [--seconds S]
  python3 peers.py mlp-sklearn  --threads N [--samples N]
  python3 peers.py predict-torch --batch B [--seconds S]
  python3 peers.py matmul-torch --n N --dtype float32|float64 --threads N [--seconds S]   GFLOP/s of an N×N product
  python3 peers.py first-torch  --started-at EPOCH_NANOS   ms from the process's start to its first prediction

The MLP is 784-256-128-10, ReLU, softmax cross-entropy, plain SGD (lr 0.01), batch 128, on random inputs and
labels; prediction uses the same network in float32 (PyTorch's default) without gradients. PyTorch's users feed it
batches in two ways, and both are measured: gathered (each batch index-selected from the rows in a shuffled order,
as a sampler does) and contiguous (the rows shuffled once, each batch a slice of them, no copy).
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
    if args.batches == "contiguous":
        x, labels = x[order].contiguous(), labels[order].contiguous()
    cursor = [0]

    def step():
        if cursor[0] + batch > args.samples:
            cursor[0] = 0
        if args.batches == "contiguous":
            inputs, targets = x[cursor[0]:cursor[0] + batch], labels[cursor[0]:cursor[0] + batch]
        else:
            index = order[cursor[0]:cursor[0] + batch]
            inputs, targets = x[index], labels[index]
        cursor[0] += batch
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()

    rate_per_s = timed(step, args.seconds, 1.0)
    emit(case="mlp-torch-" + args.dtype, threads=args.threads, batches=args.batches,
         samples_per_second=batch * rate_per_s, torch=torch.__version__)


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


def first_torch(args):
    """Process start (the caller's clock, passed in) to the first prediction of one row, and the bytes of PyTorch's
    own native libraries then mapped (libtorch*, libc10*, torch's extension modules; not the system libraries they
    link) and of its package folder."""
    import torch
    torch.set_num_threads(1)
    model = mlp_model(torch).eval()
    with torch.no_grad():
        model(torch.randn(1, 784)).numpy()
    ms = (time.time_ns() - args.started_at) / 1e6
    extents = {}
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split(None, 5)
            if len(parts) < 6:
                continue
            path = parts[5].strip().replace(" (deleted)", "")
            name = os.path.basename(path)
            if ".so" not in name or not ("torch" in path or name.startswith("libc10")):
                continue
            start, end = (int(v, 16) for v in parts[0].split("-"))
            extents[path] = max(extents.get(path, 0), int(parts[2], 16) + end - start)
    package = os.path.dirname(torch.__file__)
    package_bytes = sum(os.path.getsize(os.path.join(folder, f)) for folder, _, files in os.walk(package)
                        for f in files if not os.path.islink(os.path.join(folder, f)))
    emit(case="first-torch", library="PyTorch " + torch.__version__, ms=ms, native_bytes=sum(extents.values()),
         package_bytes=package_bytes)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=["xor-numpy", "xor-torch", "mlp-torch", "mlp-sklearn", "predict-torch",
                                         "matmul-torch", "first-torch"])
    parser.add_argument("--n", type=int, default=1024)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--samples", type=int, default=60000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--batches", default="gathered", choices=["gathered", "contiguous"])
    parser.add_argument("--started-at", type=int, default=0)
    args = parser.parse_args()
    {"xor-numpy": xor_numpy, "xor-torch": xor_torch, "mlp-torch": mlp_torch, "mlp-sklearn": mlp_sklearn,
     "predict-torch": predict_torch, "matmul-torch": matmul_torch, "first-torch": first_torch}[args.case](args)


if __name__ == "__main__":
    sys.exit(main())

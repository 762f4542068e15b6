"""Times one epoch of the tutorial's numpy XOR training (forward-difference gradient, full batch), written for
nn4j's benchmarks after the tutorial's description: the same network, loss, nudge-and-undo loop and update.

Prints the median microseconds per epoch over several rounds; run by xor-epoch.sh beside nn4j's JMH benchmark.
"""
import statistics
import sys
import time

import numpy as np

rng = np.random.RandomState(0)
w1, b1, w2, b2 = rng.randn(2, 2), rng.randn(1, 2), rng.randn(2, 1), rng.randn(1, 1)
x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
y = np.array([[0], [1], [1], [0]])
rate, eps = 0.01, 1e-5


def forward(inputs):
    hidden = np.maximum(np.dot(inputs, w1) + b1, 0)
    return 1 / (1 + np.exp(-(np.dot(hidden, w2) + b2)))


def loss_of(predictions):
    p = np.clip(predictions, 1e-15, 1 - 1e-15)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def epoch():
    base = loss_of(forward(x))
    grads = []
    for tensor in (w1, w2, b1, b2):
        g = np.zeros_like(tensor)
        for index in np.ndindex(tensor.shape):
            tensor[index] += eps
            g[index] = (base - loss_of(forward(x))) / eps
            tensor[index] -= eps
        grads.append(g)
    for tensor, g in zip((w1, w2, b1, b2), grads):
        tensor += rate * g


epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
for _ in range(200):
    epoch()
rounds = []
for _ in range(7):
    start = time.perf_counter()
    for _ in range(epochs):
        epoch()
    rounds.append((time.perf_counter() - start) / epochs * 1e6)
print(f"numpy tutorial, numerical epoch: {statistics.median(rounds):.1f} us (median of {len(rounds)} rounds of {epochs})")

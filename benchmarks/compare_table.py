"""The tables of benchmarks/compare.sh, from the JSON lines its rounds wrote (one per measurement, each tagged with
its side, round and the load average before the round):

  python3 benchmarks/compare_table.py RESULTS [--peak-json PEAK]

Every figure is the median over the rounds; a last table gives the closest comparisons round by round. Where a round started with the 1-minute load average at or above 0.5,
the tables are headed "measured under load" with the highest such load. Each speed is also given as a share of one
core's limit (FLOP per cycle × clock, from machine_peak.py, or the JSON that --peak-json names).
"""
import argparse
import json
import os
import statistics
import sys

QUIET_LOAD = 0.5
SIZES = (784, 256, 128, 10)
# FLOP per sample of the 784-256-128-10 network: 2 per multiply-add. Prediction is the forward products; a training
# step adds the weight gradients (as many again) and the input gradients of every layer but the first.
PRODUCTS = sum(a * b for a, b in zip(SIZES, SIZES[1:]))
PREDICT_FLOP = 2 * PRODUCTS
TRAIN_FLOP = 2 * PRODUCTS * 2 + 2 * sum(a * b for a, b in zip(SIZES[1:], SIZES[2:]))


def load_rows(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.startswith("{")]


def median(rows, **match):
    """The median of `value` over the rows matching every other keyword, or None where none match."""
    key = match.pop("value")
    values = [r[key] for r in rows if all(r.get(k) == v for k, v in match.items()) and key in r]
    return statistics.median(values) if values else None


def share(samples_per_second, flop_per_sample, peak_gflops):
    if samples_per_second is None:
        return "–"
    return f"{100 * samples_per_second * flop_per_sample / 1e9 / peak_gflops:.0f}%"


def count(value):
    return "–" if value is None else f"{value:,.0f}"


def ratio(ours, theirs):
    return "–" if ours is None or theirs is None else f"{ours / theirs:.2f}×"


def mib(value):
    if value is None or value < 0:
        return "–"
    return f"{value / 2**20:.1f}" if value < 10 * 2**20 else f"{value / 2**20:,.0f}"


def header(rows, peak):
    nn4j = [r for r in rows if r["side"] == "nn4j"]
    lines = []
    if nn4j:
        lines.append("machine: " + nn4j[0]["machine"] + "; nn4j kernels: " + nn4j[0]["kernels"])
    loads = {}
    for r in rows:
        if r["side"] != "size":
            loads.setdefault(r["round"], r["load"])
    busy = {k: v for k, v in loads.items() if v >= QUIET_LOAD}
    rounds = len(loads)
    title = f"medians of {rounds} interleaved round{'s' if rounds != 1 else ''}"
    if busy:
        title = (f"MEASURED UNDER LOAD {max(busy.values()):.2f}: {title}, of which {len(busy)} started with the "
                 f"1-minute load average at or above {QUIET_LOAD}")
    lines.append(title)
    lines.append("load average before each round: " + ", ".join(f"{loads[k]:.2f}" for k in sorted(loads)))
    lines.append(f"one core's limit: {peak['float32_gflops']:.1f} GFLOP/s float32, {peak['float64_gflops']:.1f} "
                 f"float64 ({peak['how']})")
    return lines


def best_torch(rows, dtype, threads):
    """PyTorch's faster way of feeding batches: (samples/s, its name, the other way's figure in brackets)."""
    by_way = {way: median(rows, side="peer", case=f"mlp-torch-{dtype}", threads=threads, batches=way,
                          value="samples_per_second") for way in ("gathered", "contiguous")}
    measured = {way: v for way, v in by_way.items() if v is not None}
    if not measured:
        return None, f"PyTorch {dtype}", ""
    best = max(measured, key=measured.get)
    others = "; ".join(f"{way} {v:,.0f}" for way, v in measured.items() if way != best)
    return measured[best], f"PyTorch {dtype}, {best} batches", f" ({others})" if others else ""


def main_table(rows, peak):
    out = ["| comparison | peer | nn4j | nn4j vs peer | share of the limit, peer / nn4j | peak RSS peer / nn4j |",
           "| --- | --- | --- | --- | --- | --- |"]

    def rss(side, **match):
        return mib(median(rows, side=side, value="peak_rss_bytes", **match))

    numpy_us = median(rows, side="peer", case="xor-numpy", value="us_per_epoch")
    nn4j_num = median(rows, side="nn4j", case="xor-numerical", value="train_samples_per_second")
    if numpy_us is not None and nn4j_num is not None:
        ours = 1e6 / nn4j_num * 4
        out.append(f"| (a) XOR epoch, numerical gradient (µs) | numpy {numpy_us:.1f} | {ours:.2f} | "
                   f"{numpy_us / ours:.0f}× faster | | {rss('peer', case='xor-numpy')} / "
                   f"{rss('nn4j', case='xor-numerical')} MiB |")
    job_s = median(rows, side="nn4j", case="xor-job", value="seconds")
    epochs = median(rows, side="nn4j", case="xor-job", value="epochs")
    if numpy_us is not None and job_s is not None:
        # numpy's whole job estimated as its epoch times the epochs, which leaves out its start (in its favour).
        numpy_s = numpy_us * epochs / 1e6
        out.append(f"| (a) the tutorial's whole job, {epochs:,.0f} epochs, one process (s) | numpy {numpy_s:.1f} (its "
                   f"epoch × {epochs:,.0f}) | {job_s:.2f} | {numpy_s / job_s:.0f}× faster | | |")
    torch_us = median(rows, side="peer", case="xor-torch", value="us_per_epoch")
    nn4j_bp = median(rows, side="nn4j", case="xor-backprop", value="train_samples_per_second")
    if torch_us is not None and nn4j_bp is not None:
        ours = 1e6 / nn4j_bp * 4
        out.append(f"| (b) XOR epoch, analytic gradient (µs) | PyTorch {torch_us:.1f} | {ours:.2f} | "
                   f"{torch_us / ours:.0f}× faster | | {rss('peer', case='xor-torch')} / "
                   f"{rss('nn4j', case='xor-backprop')} MiB |")

    for threads in (1, 2):
        peers = []
        for dtype in ("float32", "float64"):
            value, name, note = best_torch(rows, dtype, threads)
            peers.append((value, name, note, dtype, "peer", dict(case=f"mlp-torch-{dtype}", threads=threads)))
        peers.append((median(rows, side="peer", case="mlp-sklearn", threads=threads, value="samples_per_second"),
                      "scikit-learn", "", "float64", "peer", dict(case="mlp-sklearn", threads=threads)))
        if threads == 1:
            for library in ("djl", "dl4j"):
                value = median(rows, side=f"java-{library}", case="train", value="samples_per_second")
                name = next((r["library"] for r in rows if r["side"] == f"java-{library}"), library)
                peers.append((value, name, "", "float32", f"java-{library}", dict(case="train")))
        for theirs, name, note, dtype, side, match in peers:
            if theirs is None:
                continue
            limit = {"float32": peak["float32_gflops"], "float64": peak["float64_gflops"]}
            for ours_case, label in ((f"mlp32-{threads}", "float32"), (f"mlp-{threads}", "float64")):
                ours = median(rows, side="nn4j", case=ours_case, value="train_samples_per_second")
                out.append(f"| (c) MLP training, {threads} thread{'s' if threads > 1 else ''} (samples/s) | {name} "
                           f"{count(theirs)}{note} | {count(ours)} ({label}) | {ratio(ours, theirs)} | "
                           f"{share(theirs, TRAIN_FLOP, limit[dtype] * threads)} / "
                           f"{share(ours, TRAIN_FLOP, limit[label] * threads)} | {rss(side, **match)} / "
                           f"{rss('nn4j', case=ours_case)} MiB |")

    n = median(rows, side="nn4j", case="matmul", value="matmul_n")
    for dtype, ours_case in (("float32", "matmul32"), ("float64", "matmul")):
        theirs = median(rows, side="peer", case=f"matmul-torch-{dtype}", value="gflops")
        ours = median(rows, side="nn4j", case=ours_case, value="matmul_gflops")
        if theirs is None or ours is None:
            continue
        limit = peak[f"{dtype}_gflops"]
        out.append(f"| matrix product {n:.0f}×{n:.0f}, 1 thread (GFLOP/s) | PyTorch {dtype} {theirs:.1f} | "
                   f"{ours:.1f} ({dtype}) | {ours / theirs:.2f}× | {100 * theirs / limit:.0f}% / "
                   f"{100 * ours / limit:.0f}% | |")

    for batch in (1, 1024):
        peers = [(median(rows, side="peer", case="predict-torch", batch=batch, value="samples_per_second"),
                  "PyTorch float32", "peer", "predict-torch")]
        for library in ("onnxruntime", "djl", "dl4j"):
            side = f"java-{library}"
            name = next((r["library"] for r in rows if r["side"] == side), library)
            peers.append((median(rows, side=side, case="predict", batch=batch, value="samples_per_second"), name,
                          side, "predict"))
        for theirs, name, side, case in peers:
            if theirs is None:
                continue
            for ours_case, label in (("predict32", "float32"), ("predict", "float64")):
                ours = median([{**r, "value": r["predict_samples_per_second"].get(str(batch))} for r in rows
                               if r["side"] == "nn4j" and r["case"] == ours_case], value="value")
                out.append(f"| (d) MLP prediction, batch {batch} (samples/s) | {name} {count(theirs)} | "
                           f"{count(ours)} ({label}) | {ratio(ours, theirs)} | "
                           f"{share(theirs, PREDICT_FLOP, peak['float32_gflops'])} / "
                           f"{share(ours, PREDICT_FLOP, peak[label + '_gflops'])} | "
                           f"{rss(side, case=case, batch=batch)} / {rss('nn4j', case=ours_case)} MiB |")
    return out


def round_numbers(rows):
    """The rounds the measurements came from, in order."""
    return sorted({r["round"] for r in rows if r["side"] != "size"})


def round_values(rows, value, **match):
    """The value of each round's row matching every keyword (rounds in order), None where a round has none."""
    found = {r["round"]: value(r) for r in rows if all(r.get(k) == v for k, v in match.items())}
    return [found.get(k) for k in round_numbers(rows)]


def rounds_table(rows):
    """nn4j's float32 figures and their closest peers' round by round, to show how far the medians could move."""
    def predicted(batch):
        return lambda r: r.get("predict_samples_per_second", {}).get(str(batch))

    def samples(r):
        return r.get("samples_per_second")

    def best_torch_training(r_round):
        ways = [r["samples_per_second"] for r in rows if r["side"] == "peer" and r["round"] == r_round
                and r.get("case") == "mlp-torch-float32" and r.get("threads") == 1]
        return max(ways) if ways else None

    series = [("XOR epoch, numerical gradient (µs)", "nn4j",
               round_values(rows, lambda r: 4e6 / r["train_samples_per_second"], side="nn4j", case="xor-numerical")),
              ("XOR epoch, numerical gradient (µs)", "numpy",
               round_values(rows, lambda r: r.get("us_per_epoch"), side="peer", case="xor-numpy")),
              ("the tutorial's whole job (s)", "nn4j", round_values(rows, lambda r: r.get("seconds"), side="nn4j",
                                                                   case="xor-job")),
              ("training, 1 thread (samples/s)", "nn4j float32",
               round_values(rows, lambda r: r.get("train_samples_per_second"), side="nn4j", case="mlp32-1")),
              ("training, 1 thread (samples/s)", "PyTorch float32, best way",
               [best_torch_training(k) for k in round_numbers(rows)])]
    for batch in (1, 1024):
        series.append((f"prediction, batch {batch} (samples/s)", "nn4j float32",
                       round_values(rows, predicted(batch), side="nn4j", case="predict32")))
        series.append((f"prediction, batch {batch} (samples/s)", "ONNX Runtime",
                       round_values(rows, samples, side="java-onnxruntime", case="predict", batch=batch)))
    series.append(("matrix product, 1 thread (GFLOP/s)", "nn4j float32",
                   round_values(rows, lambda r: r.get("matmul_gflops"), side="nn4j", case="matmul32")))
    series.append(("matrix product, 1 thread (GFLOP/s)", "PyTorch float32",
                   round_values(rows, lambda r: r.get("gflops"), side="peer", case="matmul-torch-float32")))
    series = [(what, who, values) for what, who, values in series if any(v is not None for v in values)]
    if not series:
        return []
    numbers = round_numbers(rows)
    out = ["| round by round | who | " + " | ".join(f"round {k}" for k in numbers) + " |",
           "| --- | --- |" + " --- |" * len(numbers)]
    for what, who, values in series:
        shown = ["–" if v is None else (f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 1000 else f"{v:,.0f}")
                 for v in values]
        out.append(f"| {what} | {who} | " + " | ".join(shown) + " |")
    return out


def runtime_table(rows):
    out = ["| library | runtime on disk: class path or package / native libraries loaded (MiB) | start to first "
           "prediction (ms) | peak RSS then (MiB) |",
           "| --- | --- | --- | --- |"]
    sizes = {r["library"]: r for r in rows if r["side"] == "size"}
    found = False
    for side in ("java-nn4j", "java-onnxruntime", "java-djl", "java-dl4j", "peer"):
        case = "first-torch" if side == "peer" else "first-prediction"
        firsts = [r for r in rows if r["side"] == side and r["case"] == case]
        if not firsts:
            continue
        found = True
        ms = statistics.median(r["ms"] for r in firsts)
        natives = statistics.median(r["native_bytes"] for r in firsts)
        if side == "peer":
            on_disk = statistics.median(r["package_bytes"] for r in firsts)
        else:
            on_disk = sizes.get(side[len("java-"):], {}).get("jar_bytes")
        rss = statistics.median(r["peak_rss_bytes"] for r in firsts)
        out.append(f"| {firsts[0]['library']} | {mib(on_disk)} / {mib(natives)} | {ms:,.0f} "
                   f"(median of {len(firsts)}) | {mib(rss)} |")
    return out if found else []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--peak-json")
    args = parser.parse_args()
    rows = load_rows(args.results)
    if args.peak_json:
        with open(args.peak_json) as f:
            peak = json.load(f)
    else:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import machine_peak
        peak = machine_peak.peak()
    print("\n".join(header(rows, peak)))
    print()
    print("\n".join(main_table(rows, peak)))
    runtime = runtime_table(rows)
    if runtime:
        print()
        print("\n".join(runtime))
    by_round = rounds_table(rows)
    if by_round:
        print()
        print("\n".join(by_round))


if __name__ == "__main__":
    sys.exit(main())

"""PyTorch side of nn4j's interop: safetensors files without the safetensors package, and nn4j models as
torch.nn.Sequential.

The mapping (the same as nn4j's TorchSequential): a Linear layer's weight is units x inputs in PyTorch and
inputs x units in nn4j, so it is transposed; activations carry no weights and are named in the nn4j file's
architecture. A model trained on a table also carries its preprocessing: `load_nn4j` applies the inputs'
standardisation in front and, for regression, undoes the label's standardisation behind, so that its outputs are in
the label's units as `nn4j predict` prints them. Text (categorical) columns are one-hot encoded, which a tensor
cannot do from strings: for such models, `load_nn4j`'s module takes the rows that `encode_rows` makes.
"""

import json
import struct

import torch

DTYPES = {"F64": torch.float64, "F32": torch.float32}
NAMES = {torch.float64: "F64", torch.float32: "F32"}


def write_safetensors(tensors, path, metadata=None):
    """Writes a dict of name -> tensor in the safetensors layout (little-endian, header padded to 8 bytes)."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        data = t.detach().contiguous().cpu().numpy().tobytes()
        header[name] = {"dtype": NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def read_safetensors(path):
    """Returns (tensors by name, metadata dict)."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    metadata = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        t = torch.frombuffer(bytearray(data[begin:end]), dtype=DTYPES[entry["dtype"]])
        tensors[name] = t.reshape(entry["shape"])
    return tensors, metadata


def activation_module(name):
    if name == "relu":
        return torch.nn.ReLU()
    if name.startswith("leaky_relu"):
        slope = float(name[len("leaky_relu("):-1]) if "(" in name else 0.01
        return torch.nn.LeakyReLU(slope)
    return {"sigmoid": torch.nn.Sigmoid(), "tanh": torch.nn.Tanh(), "identity": torch.nn.Identity(),
            "softmax": torch.nn.Softmax(dim=1)}[name]


class Unstandardise(torch.nn.Module):
    """y * scale + mean: a regression network's output back in the label's units."""

    def __init__(self, mean, scale):
        super().__init__()
        self.mean, self.scale = mean, scale

    def forward(self, y):
        return y * self.scale + self.mean


class Standardise(torch.nn.Module):
    """(x - mean) / scale per input, as nn4j's preprocessing does for numeric columns."""

    def __init__(self, mean, scale):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("scale", scale)

    def forward(self, x):
        return (x - self.mean) / self.scale


def preprocessing(path):
    """The preprocessing an nn4j model file carries (features and label), or None for a plain network."""
    _, metadata = read_safetensors(path)
    return json.loads(metadata["preprocessing"]) if "preprocessing" in metadata else None


def encode_rows(path, rows, dtype=torch.float64):
    """Raw rows (one value per feature column, in the model's column order; text for text columns) as the network's
    inputs: numbers standardised, categories one-hot, as nn4j's preprocessing does."""
    columns = preprocessing(path)["features"]
    encoded = []
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a row has {len(row)} values, the model takes {len(columns)} columns: "
                             + ", ".join(c["name"] for c in columns))
        values = []
        for c, cell in zip(columns, row):
            if c["type"] == "numeric":
                values.append((float(cell) - c["mean"]) / c["scale"])
            else:
                if str(cell) not in c["categories"]:
                    raise ValueError(f"unknown category {cell!r} in column {c['name']!r}; the model knows "
                                     + ", ".join(c["categories"]))
                values += [1.0 if str(cell) == k else 0.0 for k in c["categories"]]
        encoded.append(values)
    return torch.tensor(encoded, dtype=dtype)


def load_nn4j(path):
    """An nn4j model file as a torch.nn.Sequential. For a model of numeric columns it takes raw rows; with text
    columns it takes the rows `encode_rows` makes. A regression model answers in the label's units."""
    tensors, metadata = read_safetensors(path)
    arch = json.loads(metadata["architecture"])
    dtype = tensors["layers.0.weight"].dtype
    prep = json.loads(metadata["preprocessing"]) if "preprocessing" in metadata else None
    modules = []
    if prep and all(c["type"] == "numeric" for c in prep["features"]):
        columns = prep["features"]
        modules.append(Standardise(torch.tensor([c["mean"] for c in columns], dtype=dtype),
                                   torch.tensor([c["scale"] for c in columns], dtype=dtype)))
    for k, layer in enumerate(arch["layers"]):
        weight = tensors[f"layers.{k}.weight"]
        linear = torch.nn.Linear(layer["inputs"], layer["units"], dtype=weight.dtype)
        with torch.no_grad():
            linear.weight.copy_(weight.T)
            linear.bias.copy_(tensors[f"layers.{k}.bias"].reshape(-1))
        modules += [linear, activation_module(layer["activation"])]
    if prep and prep["label"]["task"] == "regression":
        modules.append(Unstandardise(prep["label"]["mean"], prep["label"]["scale"]))
    return torch.nn.Sequential(*modules).eval()

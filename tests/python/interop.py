"""linfgrad checkpoints through Python's real safetensors and torch, both ways.

Reads what PythonInteropFixturesTest wrote (python interop.py target/interop ./linfgrad):
1. each checkpoint (a trained dist net, the same net pruned, a trained hybrid) is loaded with
   safetensors.torch.load_file, its network rebuilt in torch from the model spec, and its logits on the digits
   test set compared with linfgrad's; the file layout is checked as torch needs it (header padded to 8 bytes,
   every tensor aligned to its element size, masks as uint8);
2. the dist net is written back by Python with other dtypes (BF16 and F64 weights, F16 running means, an I64
   step), and `linfgrad certify` must report on it the clean and margin-certified accuracy torch computes.
Exits 1 with a line per mismatch.
"""
import json
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

EPS = 0.1


def metadata(path):
    with safe_open(str(path), framework="pt") as f:
        return f.metadata()


def check_layout(path):
    """The header length is a multiple of 8 and each tensor starts at a multiple of its element size."""
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    problems = [] if n % 8 == 0 else [f"{path}: header length {n} is not a multiple of 8"]
    sizes = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}
    for name, entry in header.items():
        if name != "__metadata__" and (8 + n + entry["data_offsets"][0]) % sizes[entry["dtype"]] != 0:
            problems.append(f"{path}: tensor {name} ({entry['dtype']}) is misaligned")
    return problems


def logits(state, meta, images):
    """linfgrad's forward in torch: dist nets negate their last distance layer, hybrids end Linear, tanh, Linear."""
    kind, _, shape = meta["model"].split(":")
    depth = int(shape.split("x")[0])
    x = (images - float(meta["normalization_mean"])) / float(meta["normalization_std"])
    distance_layers = 2 * depth - 1 if kind == "dist" else 2 * depth
    for i in range(distance_layers):
        if f"{i}.running_mean" in state:  # mean shift in evaluation: subtract the running mean
            x = x - state[f"{i}.running_mean"].float()
            continue
        w = state[f"{i}.weight"].float()  # [out, in]; y_j = max over kept i of |x_i - w_ji| + b_j
        z = (x[:, None, :] - w[None, :, :]).abs()
        if f"{i}.mask" in state:
            z = torch.where(state[f"{i}.mask"].bool(), z, torch.zeros((), dtype=z.dtype))
        x = z.amax(dim=2)
        if f"{i}.bias" in state:
            x = x + state[f"{i}.bias"].float()
    if kind == "dist":
        return -x
    head = distance_layers
    x = torch.tanh(x @ state[f"{head}.weight"].float().T + state[f"{head}.bias"].float())
    return x @ state[f"{head + 2}.weight"].float().T + state[f"{head + 2}.bias"].float()


def accuracies(out, labels, std):
    """Clean accuracy and the margin certificate's: f_y - max_{j != y} f_j > 2 eps (eps in normalised units)."""
    correct = out.argmax(dim=1) == labels
    true = out.gather(1, labels[:, None])[:, 0]
    others = out.scatter(1, labels[:, None], float("-inf")).amax(dim=1)
    certified = correct & (true - others > 2 * EPS / std)
    return correct.double().mean().item(), certified.double().mean().item()


def main(fixtures, linfgrad):
    fixtures = Path(fixtures)
    reference = load_file(str(fixtures / "reference.safetensors"))
    images, labels = reference["images"], reference["labels"].long()
    problems = []
    checkpoints = {"dist": fixtures / "dist/checkpoint.safetensors", "pruned": fixtures / "pruned.safetensors",
                   "hybrid": fixtures / "hybrid/checkpoint.safetensors"}
    for name, path in checkpoints.items():
        problems += check_layout(path)
        state, meta = load_file(str(path)), metadata(path)
        out, expected = logits(state, meta, images), reference[f"{name}.logits"]
        diff = (out - expected).abs().max().item()
        agree = (out.argmax(1) == expected.argmax(1)).sum().item()
        tolerance = 1e-6 if meta["model"].startswith("dist") else 1e-4  # distances are exact; matmuls round
        print(f"{name:7s} {meta['model']:17s} max |torch - linfgrad| = {diff:.2e} over {len(labels)} test images, "
              f"same prediction on {agree}")
        if diff > tolerance or agree != len(labels):
            problems.append(f"{name}: torch's logits differ from linfgrad's by {diff} ({agree} predictions agree)")
        masks = [k for k in state if k.endswith(".mask")]
        if name == "pruned" and (not masks or any(state[k].dtype != torch.uint8 for k in masks)):
            problems.append(f"pruned: masks {masks} are not uint8 tensors")

    state, meta = load_file(str(checkpoints["dist"])), metadata(checkpoints["dist"])
    converted = {}
    for k, v in state.items():
        if k == "0.weight":
            converted[k] = v.to(torch.bfloat16)
        elif k.endswith(".running_mean"):
            converted[k] = v.to(torch.float16)
        elif k.endswith(".weight"):
            converted[k] = v.to(torch.float64)
        else:
            converted[k] = v
    converted["step"] = torch.tensor([3], dtype=torch.int64)
    with tempfile.TemporaryDirectory() as out_dir:
        written = Path(out_dir) / "from-python.safetensors"
        save_file(converted, str(written), metadata=meta)
        clean, margin = accuracies(logits(converted, meta, images), labels, float(meta["normalization_std"]))
        run = subprocess.run([linfgrad, "certify", "--model", str(written), "--eps", str(EPS), "--steps", "0",
                              "--out", out_dir], capture_output=True, text=True)
        if run.returncode != 0:
            problems.append(f"certify of a file written by Python failed ({run.returncode}): {run.stderr.strip()}")
        else:
            report = json.loads((Path(out_dir) / f"certify-eps{EPS:.3f}.json").read_text())
            print(f"python-written BF16/F16/F64/I64 checkpoint: torch clean {clean:.5f} margin-certified {margin:.5f}; "
                  f"linfgrad certify {report['clean_accuracy']:.5f} {report['margin_certified']:.5f}")
            if abs(report["clean_accuracy"] - clean) > 1e-5 or abs(report["margin_certified"] - margin) > 1e-5:
                problems.append("certify's accuracies on the Python-written file differ from torch's")
    for p in problems:
        print("interop: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    start = time.time()
    status = main(sys.argv[1], sys.argv[2])
    print(f"interop: {'ok' if status == 0 else 'FAILED'} in {time.time() - start:.1f} s")
    sys.exit(status)

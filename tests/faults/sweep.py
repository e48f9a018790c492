#!/usr/bin/env python3
"""The fault sweep of issue 16, rerun against the command line: every case of the report (bad flags, corrupt
safetensors, bad values, corrupt data, run directories under kills and concurrent runs, messages) run as a user
would, each classified as

  refused  exit 1 or 2 with one line on stderr (besides the JVM's incubator warning), no stack trace
  ok       exit 0 and the result the case expects (a correct figure, an intact run)
  FAULT    anything else: a stack trace, a wrong result (a corrupt file accepted), a data loss, a hang

Usage: tests/faults/sweep.py [WORKDIR]   (needs only python3 and the project's ./linfgrad; exit 1 on any FAULT)
"""
import gzip
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINFGRAD = os.path.join(ROOT, "linfgrad")
WARNING = "WARNING: Using incubator modules"
results = []


def run(args, timeout=120, **kw):
    try:
        p = subprocess.run([LINFGRAD, *args], capture_output=True, text=True, timeout=timeout, **kw)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:  # what a killed process had written, as bytes
        return None, (e.stdout or b"").decode(), (e.stderr or b"").decode()


def stderr_lines(err):
    return [l for l in err.splitlines() if l.strip() and not l.startswith(WARNING)
            and not l.startswith("linfgrad: building")]


def has_trace(err):
    return "\tat " in err or "Exception in thread" in err or "Caused by:" in err


def record(category, name, verdict, detail):
    results.append((category, name, verdict, detail))
    print(f"{verdict:8} {category:10} {name}: {detail}", flush=True)


def expect_refused(category, name, args, **kw):
    code, out, err = run(args, **kw)
    lines = stderr_lines(err)
    if code is None:
        record(category, name, "FAULT", "hang: no exit within the time limit")
    elif has_trace(err):
        record(category, name, "FAULT", "stack trace: " + lines[0] if lines else "stack trace")
    elif code in (1, 2) and len(lines) == 1:
        record(category, name, "refused", f"exit {code}: {lines[0]}")
    else:
        record(category, name, "FAULT", f"exit {code}, {len(lines)} stderr lines: {' | '.join(lines)[:200]}")


def expect_ok(category, name, args, check, **kw):
    code, out, err = run(args, **kw)
    if code == 0 and not has_trace(err) and check(out):
        record(category, name, "ok", "exit 0, expected result")
    else:
        lines = stderr_lines(err)
        record(category, name, "FAULT", f"exit {code}: {' | '.join(lines)[:200] or out[-200:]}")


# --- safetensors surgery -------------------------------------------------------------------------------------

def read_st(path):
    b = open(path, "rb").read()
    n = struct.unpack("<Q", b[:8])[0]
    return json.loads(b[8:8 + n]), b[8 + n:]


def write_st(path, header, data, raw_header=None):
    h = raw_header if raw_header is not None else json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + data)


def variant(base, path, edit):
    header, data = read_st(base)
    header, data = edit(header, data)
    write_st(path, header, data)
    return path


def set_floats(header, data, name, values):
    begin = header[name]["data_offsets"][0]
    data = bytearray(data)
    data[begin:begin + 4 * len(values)] = struct.pack(f"<{len(values)}f", *values)
    return header, bytes(data)


def meta(key, value):
    def edit(h, d):
        h["__metadata__"][key] = value
        return h, d
    return edit


def offsets(name, begin, end):
    def edit(h, d):
        h[name]["data_offsets"] = [begin, end]
        return h, d
    return edit


def main():
    work = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="linfgrad-faults-")
    os.makedirs(work, exist_ok=True)
    base_run = os.path.join(work, "base")
    code, _, err = run(["train", "--epochs", "10", "--out", base_run], timeout=600)
    if code != 0:
        sys.exit("sweep: the base run failed: " + err)
    base = os.path.join(base_run, "checkpoint.safetensors")
    header, data = read_st(base)
    weights = [k for k in header if k.endswith(".weight")]
    p = lambda name: os.path.join(work, name)  # noqa: E731

    # 1. flags
    expect_refused("flags", "certify --model without a value", ["certify", "--model"])
    expect_refused("flags", "train --out without a value", ["train", "--epochs", "1", "--out"])
    expect_refused("flags", "train --out followed by a flag", ["train", "--out", "--epochs", "1"])
    expect_refused("flags", "train --resume yes", ["train", "--resume", "yes", "--out", base_run])
    expect_refused("flags", "--val 0.9999", ["train", "--epochs", "1", "--val", "0.9999", "--out", p("v")])
    expect_refused("flags", "a repeated flag", ["train", "--epochs", "1", "--epochs", "2", "--out", p("r")])
    expect_refused("flags", "--data with the digits", ["train", "--data", work, "--epochs", "1", "--out", p("d")])
    expect_refused("flags", "an unknown command", ["trian"])
    expect_refused("flags", "an unknown flag", ["train", "--epoch", "3"])
    expect_refused("flags", "--eps nan", ["certify", "--model", base, "--eps", "nan"])
    expect_refused("flags", "--lr -1", ["train", "--lr", "-1", "--epochs", "1", "--out", p("lr")])
    expect_refused("flags", "prune with --threshold and --keep", ["prune", "--model", base, "--threshold", "0.1",
                                                                  "--keep", "0.5"])

    # 2. safetensors reading
    w0 = weights[0]
    b0, e0 = header[w0]["data_offsets"]
    cases = {
        "overlapping offsets": offsets(w0, b0 - 4, e0 - 4),
        "negative offset": offsets(w0, -8, e0 - b0 - 8),
        "offset near 2^63": offsets(w0, 2 ** 63 - 8, 2 ** 63 - 8 + e0 - b0),
        "extent 4294967424": lambda h, d: ({**h, w0: {**h[w0], "shape": [4294967424, 1]}}, d),
        "metadata asks for 30000x30000": meta("model", "dist:linf:5x30000"),
        "metadata with an unknown model": meta("model", "dist:cosine:5x128"),
        "metadata without inputs": lambda h, d: ({**h, "__metadata__": {k: v for k, v in h["__metadata__"].items()
                                                                      if k != "inputs"}}, d),
        "a tensor missing": lambda h, d: ({k: v for k, v in h.items() if k != w0}, d),
        "dtype F64 size mismatch": lambda h, d: ({**h, w0: {**h[w0], "dtype": "F64"}}, d),
    }
    for name, edit in cases.items():
        expect_refused("safetensors", name, ["certify", "--model", variant(base, p(name.replace(" ", "_")), edit)])
    raw = open(base, "rb").read()
    open(p("truncated"), "wb").write(raw[:len(raw) - 100])
    expect_refused("safetensors", "truncated file", ["certify", "--model", p("truncated")])
    open(p("short"), "wb").write(raw[:5])
    expect_refused("safetensors", "five bytes", ["certify", "--model", p("short")])
    deep = b'{"a":' * 200000 + b"1" + b"}" * 200000
    write_st(p("deep"), None, b"", raw_header=deep)
    expect_refused("safetensors", "header nested 200000 deep", ["certify", "--model", p("deep")])
    with open(p("huge_header"), "wb") as f:
        f.write(struct.pack("<Q", 3 * 2 ** 30) + b"{}")
    expect_refused("safetensors", "header length 3 GB", ["certify", "--model", p("huge_header")])
    with open(p("sparse3g"), "wb") as f:
        h = json.dumps({"__metadata__": header["__metadata__"], **{k: v for k, v in header.items()
                                                                    if k != "__metadata__"}}).encode()
        f.write(struct.pack("<Q", len(h)) + h)
        f.truncate(3 * 2 ** 30)
    expect_refused("safetensors", "a 3 GB file", ["certify", "--model", p("sparse3g")], timeout=60)

    # 3. values
    nan, inf = float("nan"), float("inf")
    for name, values in {"NaN weight": [nan], "infinite weight": [inf]}.items():
        path = variant(base, p(name.replace(" ", "_")), lambda h, d, v=values: set_floats(h, d, w0, v))
        expect_refused("values", name, ["certify", "--model", path])
    for std in ["0", "-1", "NaN", "Infinity"]:
        path = variant(base, p("std" + std), meta("normalization_std", std))
        expect_refused("values", f"normalisation std {std}", ["certify", "--model", path])
    nan_state = p("nan_state")
    shutil.copytree(base_run, nan_state)
    adam = next(k for k in header if k.startswith("adam.m."))
    variant(base, os.path.join(nan_state, "checkpoint.safetensors"), lambda h, d: set_floats(h, d, adam, [nan]))
    before = open(os.path.join(nan_state, "checkpoint.safetensors"), "rb").read()
    expect_refused("values", "NaN optimiser state on --resume", ["train", "--resume", "--epochs", "12",
                                                                 "--out", nan_state])
    if open(os.path.join(nan_state, "checkpoint.safetensors"), "rb").read() != before:
        record("values", "NaN optimiser state: checkpoint kept", "FAULT", "the checkpoint was overwritten")
    for name, flags in {"--lr 1e30": ["--lr", "1e30"], "--p 1e9": ["--p", "1e9"]}.items():
        out = p("nanloss" + name.split()[1])
        expect_refused("values", f"NaN loss ({name}) stops the run", ["train", *flags, "--epochs", "3", "--out", out])

    # 4. data (fashion-mnist IDX files, where Debian's package put them)
    fashion = "/usr/share/datasets/fashion-mnist"
    if os.path.isdir(fashion):
        names = sorted(os.listdir(fashion))
        flipped = p("fashion_flipped")
        shutil.copytree(fashion, flipped)
        gz = next(os.path.join(flipped, n) for n in names if n.endswith(".gz") and "t10k-labels" in n)
        b = bytearray(open(gz, "rb").read())
        for i in range(60):
            b[len(b) // 2 + i] ^= 0x5A
        open(gz, "wb").write(bytes(b))
        expect_refused("data", "gzip with 60 flipped bytes", ["certify", "--model", fashion_checkpoint(work, base),
                                                             "--data", flipped])
        narrow = p("fashion_28x10")
        os.makedirs(narrow)
        for n in names:
            src = os.path.join(fashion, n)
            raw = gzip.open(src).read() if n.endswith(".gz") else open(src, "rb").read()
            if struct.unpack(">I", raw[:4])[0] == 0x803:  # images: keep 10 of 28 columns
                count, rows, cols = struct.unpack(">III", raw[4:16])
                pixels = raw[16:]
                cut = b"".join(pixels[i * 28:i * 28 + 10] for i in range(count * rows))
                raw = raw[:4] + struct.pack(">III", count, rows, 10) + cut
            open(os.path.join(narrow, n.removesuffix(".gz")), "wb").write(raw)
        expect_refused("data", "28x10 images against a 28x28 net", ["certify", "--model",
                                                                     fashion_checkpoint(work, base), "--data", narrow])
        overflow = p("fashion_overflow")
        os.makedirs(overflow)
        for n in names:
            src = os.path.join(fashion, n)
            raw = gzip.open(src).read() if n.endswith(".gz") else open(src, "rb").read()
            if struct.unpack(">I", raw[:4])[0] == 0x803:
                raw = raw[:4] + struct.pack(">III", 2 ** 31 - 1, 28, 28) + raw[16:]
            open(os.path.join(overflow, n.removesuffix(".gz")), "wb").write(raw)
        expect_refused("data", "IDX count x height x width past 2^31", ["train", "--data-set", "fashion-mnist",
                                                                         "--data", overflow, "--epochs", "1",
                                                                         "--out", p("ovf")])
    else:
        record("data", "fashion-mnist cases", "skipped", f"{fashion} is missing (apt-get install "
                                                          "dataset-fashion-mnist)")

    # 5. run directories
    killed = p("killed")
    metrics = os.path.join(killed, "metrics.jsonl")
    for k in range(5):  # kill -9 at a different moment of an epoch each time, once the run has moved on
        done = len(open(metrics).readlines()) if os.path.exists(metrics) else 0
        proc = subprocess.Popen([LINFGRAD, "train", "--epochs", "30", "--out", killed, *(["--resume"] if k else [])],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        while proc.poll() is None and (not os.path.exists(metrics) or len(open(metrics).readlines()) <= done):
            time.sleep(0.05)
        time.sleep(0.15 * k)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    code, out, err = run(["train", "--epochs", "30", "--out", killed, "--resume"], timeout=600)
    lines = [json.loads(l) for l in open(os.path.join(killed, "metrics.jsonl"))]
    epochs = [int(l["epoch"]) for l in lines]
    # the run's .lock file stays (the operating system's lock on it died with the process); temporaries must not
    leftovers = [n for n in os.listdir(killed) if n != ".lock" and (n.startswith(".") or n.endswith(".tmp"))]
    if code == 0 and epochs == list(range(1, 31)) and not leftovers:
        record("runs", "5 kills then --resume", "ok", "epochs 1..30 once each, no temporaries left")
    else:
        record("runs", "5 kills then --resume", "FAULT", f"exit {code}, epochs {epochs}, left {leftovers}")
    shared = p("shared")
    first = subprocess.Popen([LINFGRAD, "train", "--epochs", "20", "--out", shared], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
    for _ in range(100):  # until the first run holds its lock
        if os.path.exists(os.path.join(shared, ".lock")) or first.poll() is not None:
            break
        time.sleep(0.2)
    time.sleep(2)
    expect_refused("runs", "a second train on the same --out", ["train", "--epochs", "20", "--out", shared])
    first.wait()
    epochs = [int(json.loads(l)["epoch"]) for l in open(os.path.join(shared, "metrics.jsonl"))]
    record("runs", "the first run intact", "ok" if first.returncode == 0 and epochs == list(range(1, 21))
           else "FAULT", f"exit {first.returncode}, epochs {epochs}")
    partial = p("partial")
    shutil.copytree(base_run, partial)
    with open(os.path.join(partial, "metrics.jsonl"), "a") as f:
        f.write('{"epoch":11.0,"p":')  # what a full disk leaves
    expect_ok("runs", "--resume after a half-written metrics line", ["train", "--resume", "--epochs", "11",
                                                                    "--out", partial],
              lambda out: [int(json.loads(l)["epoch"]) for l in open(os.path.join(partial, "metrics.jsonl"))]
              == list(range(1, 12)))

    full_disk(work)

    # 6. messages
    fifo = p("fifo")
    os.mkfifo(fifo)
    expect_refused("messages", "a FIFO as --model", ["certify", "--model", fifo], timeout=30)
    expect_refused("messages", "a directory as --model", ["certify", "--model", work])
    expect_refused("messages", "a missing --model", ["certify", "--model", p("nothing.safetensors")])
    open(p("a_file"), "w").write("x")
    expect_refused("messages", "--out under a file", ["train", "--epochs", "1", "--out", p("a_file/run")])
    expect_refused("messages", "a text file as --model", ["certify", "--model", p("a_file")])
    code, out, err = run(["certify", "--model", base, "--steps", "100000000", "--limit", "1"], timeout=25)
    record("messages", "PGD with 10^8 steps shows progress", "ok" if code is None and "PGD on points 1-1" in out
           else "FAULT", (out.strip().splitlines() or ["no output"])[-1])

    faults = [r for r in results if r[2] == "FAULT"]
    counts = {v: sum(1 for r in results if r[2] == v) for v in ("refused", "ok", "FAULT", "skipped")}
    print(f"\n{len(results)} cases: {counts['refused']} refused cleanly, {counts['ok']} correct, "
          f"{counts['FAULT']} faults, {counts['skipped']} skipped")
    sys.exit(1 if faults else 0)


def full_disk(work):
    """A run whose disk fills up: the write fails with one line, the last checkpoint survives, resume recovers."""
    disk = os.path.join(work, "small_disk")
    os.makedirs(disk)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk], capture_output=True).returncode:
        record("runs", "a full disk", "skipped", "mounting a small tmpfs needs root")
        return
    try:
        out = os.path.join(disk, "run")
        code, _, err = run(["train", "--epochs", "2", "--out", out])
        if code != 0:
            record("runs", "a full disk", "FAULT", "the first 2 epochs failed: " + err[-200:])
            return
        free = shutil.disk_usage(disk).free
        with open(os.path.join(disk, "filler"), "wb") as f:
            f.write(b"\0" * (free - 64 * 1024))
        expect_refused("runs", "the disk fills during an epoch", ["train", "--resume", "--epochs", "4", "--out", out])
        ckpt = os.path.join(out, "checkpoint.safetensors")
        code, _, err = run(["certify", "--model", ckpt, "--limit", "10", "--out", work])
        record("runs", "the last checkpoint survives a full disk", "ok" if code == 0 else "FAULT",
               f"certify exit {code} {stderr_lines(err)[:1]}")
        os.remove(os.path.join(disk, "filler"))
        expect_ok("runs", "--resume once there is space again", ["train", "--resume", "--epochs", "4", "--out", out],
                  lambda _: [int(json.loads(l)["epoch"]) for l in open(os.path.join(out, "metrics.jsonl"))]
                  == [1, 2, 3, 4] and not [n for n in os.listdir(out) if n.endswith(".tmp")])
    finally:
        subprocess.run(["umount", disk])


def fashion_checkpoint(work, base):
    """A one-epoch fashion-mnist net (trained once), so that certify reads the fashion IDX files."""
    path = os.path.join(work, "fashion", "checkpoint.safetensors")
    if not os.path.exists(path):
        code, _, err = run(["train", "--data-set", "fashion-mnist", "--model", "dist:linf:2x32", "--epochs", "1",
                            "--out", os.path.dirname(path)], timeout=600)
        if code != 0:
            sys.exit("sweep: the fashion-mnist run failed: " + err)
    return path


if __name__ == "__main__":
    main()

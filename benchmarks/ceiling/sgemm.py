"""The BLAS ceiling for linfgrad's matmul rows: numpy's float32 matmul, which calls the sgemm of the BLAS numpy
was built with (OpenBLAS in the wheels from PyPI), on the same products as linfgrad's MatMul function:
forward y = x w^T, backward dL/dx = g w and dL/dw = g^T x.

    OPENBLAS_NUM_THREADS=2 python3 sgemm.py B N M [repeats]

prints "sgemm-forward B N M <GFLOP/s> <blas>" and "sgemm-forward+backward B N M <GFLOP/s> <blas>", best of
the repeats after a warm-up, with FLOP counted as in `linfgrad bench` (2 B N M per product).

The figures are OpenBLAS's best on this CPU: each is measured in a child process with the kernels OpenBLAS picks
for the CPU itself, whatever OPENBLAS_CORETYPE says (this project's machine image sets it to Haswell, OpenBLAS's
AVX2 kernels, at about 0.6 times the speed of its AVX-512 ones on the AMD Zen 5), and, on a CPU with AVX-512, again with
its AVX-512 kernels (OPENBLAS_CORETYPE=SkylakeX); each figure is the faster of the two. <blas> names the
library and the kernels that gave it, for instance "scipy-openblas/SkylakeX"."""
import os
import subprocess
import sys
import time

AVX512_CORE = "SkylakeX"


def blas_name(np):
    try:
        return np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
    except Exception:  # older numpy: no dict mode
        return "unknown"


def best_seconds(work, repeats):
    work()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def measure(b, n, m, repeats):
    """Prints the two figures with this process's BLAS kernels."""
    import numpy as np

    rng = np.random.default_rng(1)
    x = rng.standard_normal((b, n), dtype=np.float32)
    w = rng.standard_normal((m, n), dtype=np.float32)
    g = rng.standard_normal((b, m), dtype=np.float32)
    flop = 2.0 * b * n * m
    blas = blas_name(np)
    forward = best_seconds(lambda: x @ w.T, repeats)
    both = best_seconds(lambda: (x @ w.T, g @ w, g.T @ x), repeats)
    print(f"sgemm-forward {b} {n} {m} {flop / forward / 1e9:.2f} {blas}")
    print(f"sgemm-forward+backward {b} {n} {m} {3 * flop / both / 1e9:.2f} {blas}")


def has_avx512():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            return any(line.startswith("flags") and " avx512f" in line for line in cpuinfo)
    except OSError:
        return False


def measure_in_child(args, core):
    """The figures of a child process with OPENBLAS_CORETYPE=core (None: OpenBLAS's own choice), as
    {name: (rate, "blas/core")}; the core is the one OpenBLAS reports with OPENBLAS_VERBOSE=2."""
    env = dict(os.environ, OPENBLAS_VERBOSE="2")
    env.pop("OPENBLAS_CORETYPE", None)
    if core is not None:
        env["OPENBLAS_CORETYPE"] = core
    child = subprocess.run([sys.executable, __file__, "--here", *args], env=env, capture_output=True, text=True,
                           check=True)
    used = next((line.split(":", 1)[1].strip() for line in child.stderr.splitlines() if line.startswith("Core:")),
                None)
    figures = {}
    for line in child.stdout.splitlines():
        name, _, _, _, rate, blas = line.split()
        figures[name] = (float(rate), blas if used is None else f"{blas}/{used}")
    return figures


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: sgemm.py B N M [repeats]")
    if sys.argv[1] == "--here":
        args = sys.argv[2:]
        measure(*(int(a) for a in args[:3]), int(args[3]) if len(args) > 3 else 10)
        return
    runs = [measure_in_child(sys.argv[1:], None)]
    if has_avx512():
        runs.append(measure_in_child(sys.argv[1:], AVX512_CORE))
    b, n, m = sys.argv[1:4]
    for name in runs[0]:
        rate, blas = max((run[name] for run in runs), key=lambda figure: figure[0])
        print(f"{name} {b} {n} {m} {rate:.2f} {blas}")


if __name__ == "__main__":
    main()

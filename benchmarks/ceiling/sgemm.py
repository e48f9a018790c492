"""The BLAS ceiling for linfgrad's matmul rows: numpy's float32 matmul, which calls the sgemm of the BLAS numpy
was built with (OpenBLAS in the wheels from PyPI), on the same products as linfgrad's MatMul function:
forward y = x w^T, backward dL/dx = g w and dL/dw = g^T x.

    OPENBLAS_NUM_THREADS=2 python3 sgemm.py B N M [repeats]

prints "sgemm-forward B N M <GFLOP/s> <blas>" and "sgemm-forward+backward B N M <GFLOP/s> <blas>", best of
the repeats after a warm-up, with FLOP counted as in `linfgrad bench` (2 B N M per product)."""
import sys
import time

import numpy as np


def blas_name():
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


def main():
    b, n, m = (int(a) for a in sys.argv[1:4])
    repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    rng = np.random.default_rng(1)
    x = rng.standard_normal((b, n), dtype=np.float32)
    w = rng.standard_normal((m, n), dtype=np.float32)
    g = rng.standard_normal((b, m), dtype=np.float32)
    flop = 2.0 * b * n * m
    blas = blas_name()
    forward = best_seconds(lambda: x @ w.T, repeats)
    both = best_seconds(lambda: (x @ w.T, g @ w, g.T @ x), repeats)
    print(f"sgemm-forward {b} {n} {m} {flop / forward / 1e9:.2f} {blas}")
    print(f"sgemm-forward+backward {b} {n} {m} {3 * flop / both / 1e9:.2f} {blas}")


if __name__ == "__main__":
    main()

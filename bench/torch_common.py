"""What bench/torch_fig5.py and bench/torch_planar.py share: one thread, the allocator setting,
the command line and the results file. Import it before torch (it sets BLAS's thread count)."""
import argparse
import ctypes
import json
import os
import sys

# one thread everywhere, BLAS included: these are read when torch loads its libraries
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's malloc.h


def keep_freed_memory():
    """Keeps freed tensor memory in the process. glibc's malloc hands blocks over 128 KiB
    (a [8, 512, 20] float32 activation is 320 KiB) back to the kernel when freed, so every step
    page-faults its activations afresh: measured 3.6x slower on the batched Figure 5 critics in a
    VM. A fixed mmap threshold of 32 MiB and no heap trimming keep them (what jemalloc or
    tcmalloc, the usual PyTorch CPU advice, would do). True when glibc took both settings."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    return bool(libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)) and bool(libc.mallopt(M_TRIM_THRESHOLD, 1 << 30))


def parse_args(doc, default_steps):
    """--steps, --out, --seed and --default-malloc; applies the allocator setting unless told not to."""
    parser = argparse.ArgumentParser(description=doc.strip().split("\n")[0])
    parser.add_argument("--steps", type=int, default=default_steps, help=f"generator steps (default {default_steps})")
    parser.add_argument("--out", help="write each run's end point and the seconds to this JSON file")
    parser.add_argument("--seed", type=int, default=1, help="torch's random seed")
    parser.add_argument("--default-malloc", action="store_true", help="leave glibc's allocator settings alone (slower)")
    args = parser.parse_args()
    args.malloc = "glibc defaults" if args.default_malloc else ("freed memory kept" if keep_freed_memory() else "glibc defaults (mallopt refused)")
    return args


def finish(args, torch_version, seconds, runs, what):
    """Prints the time (the last line is `seconds: S`) and writes the results file when asked."""
    print(f"torch {torch_version}, 1 thread, malloc: {args.malloc}: {what} in {seconds:.2f} s")
    print(f"seconds: {seconds:.3f}")
    sys.stdout.flush()
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"torch": torch_version, "threads": 1, "malloc": args.malloc, "steps": args.steps, "seconds": round(seconds, 3), "runs": runs}, f, indent=1)

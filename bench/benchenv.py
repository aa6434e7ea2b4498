"""What the PyTorch process actually runs on, read from its own memory map: BLAS, allocator, versions."""
import os

import torch


def _mapped():
    with open("/proc/self/maps") as f:
        return {line.split()[-1] for line in f if "/" in line}


def describe():
    """Returns {'blas': ..., 'allocator': ..., 'torch': ...} from the libraries mapped into this process."""
    libs = _mapped()
    blas = "unknown"
    open_blas = [p for p in libs if "libopenblas" in os.path.basename(p)]
    for path in open_blas + sorted(libs):
        real = os.path.realpath(path)
        name = os.path.basename(real)
        if "openblas" in real:
            blas = "OpenBLAS (" + real + ")"
            break
        if "mkl" in name:
            blas = "MKL (" + name + ")"
            break
        if name.startswith("libblas"):
            blas = "reference BLAS (" + real + ")"
    alloc = "glibc malloc"
    for path in libs:
        if "tcmalloc" in path:
            alloc = "tcmalloc (" + os.path.basename(path) + ")"
        elif "jemalloc" in path:
            alloc = "jemalloc (" + os.path.basename(path) + ")"
    return {"blas": blas, "allocator": alloc, "torch": torch.__version__,
            "intra_threads": torch.get_num_threads()}

"""What the PyTorch process actually runs on, read from its own memory map: BLAS, allocator, versions."""
import os

import torch


def _mapped():
    with open("/proc/self/maps") as f:
        return {line.split()[-1] for line in f if "/" in line}


def describe():
    """Returns {'blas': ..., 'allocator': ..., 'torch': ...} from the libraries mapped into this process."""
    libs = _mapped()
    # the BLAS is whichever libblas.so.3 the loader mapped (Debian's alternatives or LD_LIBRARY_PATH pick it)
    blas = "unknown"
    for path in sorted(libs):
        real = os.path.realpath(path)
        if os.path.basename(path).startswith("libblas.so"):
            if "openblas" in real:
                blas = "OpenBLAS (" + real + ")"
            elif "mkl" in real:
                blas = "MKL (" + real + ")"
            else:
                blas = "reference BLAS (" + real + ")"
            break
    else:
        for path in libs:
            if "mkl" in os.path.basename(path) or "openblas" in os.path.basename(path):
                blas = os.path.basename(path)
    alloc = "glibc malloc"
    for path in libs:
        if "tcmalloc" in path:
            alloc = "tcmalloc (" + os.path.basename(path) + ")"
        elif "jemalloc" in path:
            alloc = "jemalloc (" + os.path.basename(path) + ")"
    return {"blas": blas, "allocator": alloc, "torch": torch.__version__,
            "intra_threads": torch.get_num_threads()}

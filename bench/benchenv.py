"""What the PyTorch process actually runs on, read from its own memory map: BLAS, allocator, versions."""
import os
import re

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
        # PyPI's wheel links its BLAS into libtorch_cpu.so, so only the build configuration names it (a mapped
        # OpenBLAS may be numpy's own, which torch does not call)
        blas = _configured_blas()
    alloc = "glibc malloc"
    for path in libs:
        if "tcmalloc" in path:
            alloc = "tcmalloc (" + os.path.basename(path) + ")"
        elif "jemalloc" in path:
            alloc = "jemalloc (" + os.path.basename(path) + ")"
    return {"blas": blas, "allocator": alloc, "torch": torch.__version__,
            "intra_threads": torch.get_num_threads(), "parallel": _parallel_backend()}


def _configured_blas():
    """Returns the BLAS named by torch.__config__.show() (BLAS_INFO, and MKL/OpenBLAS versions when listed)."""
    text = torch.__config__.show()
    info = re.search(r"BLAS_INFO=([^,\s]+)", text)
    name = {"mkl": "MKL", "open": "OpenBLAS", "openblas": "OpenBLAS"}.get(info.group(1), info.group(1)) if info \
        else "unknown"
    version = re.search(r"Intel\(R\) (?:oneAPI )?Math Kernel Library Version ([\d.]+)(?:-Product Build (\d+))?",
                        text) if name == "MKL" else None
    # the same words as the project's side (lab.bench.BenchEnv.describeMkl): one BLAS build on both shows as such
    return "%s%s (linked into libtorch_cpu.so)" % (name, " %s%s" % (version.group(1), ", build " + version.group(2)
                                                                    if version.group(2) else "") if version else "")


def _parallel_backend():
    """Returns the ATen parallel backend line of torch.__config__.parallel_info(), e.g. 'OpenMP'."""
    m = re.search(r"ATen parallel backend: (.+)", torch.__config__.parallel_info())
    return m.group(1).strip() if m else "unknown"

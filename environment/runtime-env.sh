# Environment for every JVM that loads LocSpec's native PyTorch (kernel, benchmarks, zoo). Sourced.
#
# ONEDNN_MAX_CPU_ISA=AVX2: libtorch 2.7.1's oneDNN AVX-512 convolution kernels return NaN
# gradients in about one backward pass in three on the AMD EPYC CPUs of these machines (measured:
# 93/300 steps of a 3-conv net; 0/300 with AVX2). It must be set before libtorch loads.
export ONEDNN_MAX_CPU_ISA="${ONEDNN_MAX_CPU_ISA:-AVX2}"
# glibc malloc settings for PyTorch's large temporary arrays (Adam): measured to halve the first
# training epoch by avoiding repeated mmap/munmap of the same buffers.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-16777216}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-268435456}"
export MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-67108864}"
# One BLAS thread for Smile's OpenBLAS (spectral clustering): LocSpec parallelizes over shuffled
# samples and k-means restarts itself; OpenBLAS's own threads spin against them (measured: the
# 50-sample shuffled baseline of the papers' MLP took 15-20 % more CPU time with two).
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

#!/usr/bin/python3
"""Peer benchmark for LocSpec's SpectralClustering: sklearn on the same adjacency.

Usage: spectral_sklearn.py ADJ_FILE LABELS_OUT [--k 12] [--n-init 25] [--seed 0] [--sparse]

ADJ_FILE is the binary file written by SpectralClusteringBench (little-endian):
  int32 magic 0x4C534A41 ('LSJA'), int32 n, int64 nnz, int32 rows[nnz], int32 cols[nnz],
  float64 values[nnz]   (all stored entries of the symmetric adjacency).
The script fits sklearn.cluster.SpectralClustering(affinity='precomputed', eigen_solver='arpack',
assign_labels='kmeans') on it (dense, as the paper's MLP code does, unless --sparse), writes the
labels as int32 to LABELS_OUT and prints 'fit_seconds=<t> peer_threads=<n>', then
'fit_cpu_seconds=<t>' and 'peak_rss_mb=<m>' (the process's peak resident memory) on standard
output. Threads: OMP_NUM_THREADS / OPENBLAS_NUM_THREADS / MKL_NUM_THREADS as the benchmark sets
them (read when numpy loads); peer_threads is the largest thread pool threadpoolctl reports.
"""
import argparse
import os
import resource
import time

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import SpectralClustering
from threadpoolctl import threadpool_info


def read_adjacency(path):
    with open(path, "rb") as f:
        magic, n = np.fromfile(f, dtype="<i4", count=2)
        if magic != 0x4C534A41:
            raise SystemExit(f"{path}: not a LocSpec adjacency file (magic {magic:#x})")
        (nnz,) = np.fromfile(f, dtype="<i8", count=1)
        rows = np.fromfile(f, dtype="<i4", count=nnz)
        cols = np.fromfile(f, dtype="<i4", count=nnz)
        vals = np.fromfile(f, dtype="<f8", count=nnz)
    return sp.csr_matrix((vals, (rows, cols)), shape=(n, n))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("adjacency")
    p.add_argument("labels_out")
    p.add_argument("--k", type=int, default=12)
    p.add_argument("--n-init", type=int, default=25)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--sparse", action="store_true", help="pass a CSR matrix instead of dense")
    a = p.parse_args()
    adj = read_adjacency(a.adjacency)
    if not a.sparse:
        adj = adj.toarray()
    sc = SpectralClustering(
        n_clusters=a.k,
        affinity="precomputed",
        eigen_solver="arpack",
        assign_labels="kmeans",
        n_init=a.n_init,
        random_state=a.seed,
    )
    t0 = time.perf_counter()
    c0 = time.process_time()
    labels = sc.fit(adj).labels_
    t = time.perf_counter() - t0
    cpu = time.process_time() - c0
    tmp = a.labels_out + ".tmp"
    labels.astype("<i4").tofile(tmp)
    os.replace(tmp, a.labels_out)
    threads = max(pool["num_threads"] for pool in threadpool_info())
    print(f"fit_seconds={t:.6f} peer_threads={threads}")
    print(f"fit_cpu_seconds={cpu:.6f}")
    print(f"peak_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()

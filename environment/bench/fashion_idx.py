"""Reads the Fashion-MNIST / MNIST IDX files (gzipped or not) into numpy arrays, for the peer scripts."""
import gzip
import os
import struct

import numpy as np


def _open(path):
    with open(path, "rb") as f:
        head = f.read(2)
    return gzip.open(path, "rb") if head == b"\x1f\x8b" else open(path, "rb")


def read_images(path):
    with _open(path) as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803, "%s: not an IDX image file (magic %#x)" % (path, magic)
        return np.frombuffer(f.read(n * h * w), dtype=np.uint8).reshape(n, h * w).astype(np.float32) / 255.0


def read_labels(path):
    with _open(path) as f:
        magic, n = struct.unpack(">II", f.read(8))
        assert magic == 0x801, "%s: not an IDX label file (magic %#x)" % (path, magic)
        return np.frombuffer(f.read(n), dtype=np.uint8).astype(np.int64)


def load(data_dir, split):
    prefix = "train" if split == "train" else "t10k"
    d = os.path.join(data_dir, "fashion-mnist")
    return (read_images(os.path.join(d, prefix + "-images-idx3-ubyte.gz")),
            read_labels(os.path.join(d, prefix + "-labels-idx1-ubyte.gz")))

"""Peer for MaskedPredictBench: the masked forward pass of the Fashion-MNIST test set (10,000
images) through an MLP in PyTorch, with as many intra-op threads as OMP_NUM_THREADS says. Reads the weights and unit masks that the Java side wrote
(little-endian: int32 layer count; per layer int32 out, int32 in, float32 W[out*in], float32
b[out], float32 mask[out]), runs `reps` timed passes in batches of `batch` after one warm-up pass,
writes the predicted labels (int32) and prints
`torch_images_per_second=R torch_seconds=S peer_threads=T accuracy=A`.

usage: OMP_NUM_THREADS=T masked_predict_torch.py DATA_DIR NET.bin PREDICTIONS.bin [reps] [batch]"""
import struct
import sys
import time

import numpy as np
import torch

import fashion_idx

data_dir, net_file, pred_file = sys.argv[1:4]
reps = int(sys.argv[4]) if len(sys.argv) > 4 else 5
batch = int(sys.argv[5]) if len(sys.argv) > 5 else 1000

raw = open(net_file, "rb").read()
(n_layers,) = struct.unpack_from("<i", raw, 0)
off = 4
layers = []
for _ in range(n_layers):
    out, inp = struct.unpack_from("<ii", raw, off)
    off += 8
    w = np.frombuffer(raw, "<f4", out * inp, off).reshape(out, inp); off += 4 * out * inp
    b = np.frombuffer(raw, "<f4", out, off); off += 4 * out
    m = np.frombuffer(raw, "<f4", out, off); off += 4 * out
    layers.append(tuple(torch.from_numpy(a.copy()) for a in (w, b, m)))

x, y = fashion_idx.load(data_dir, "test")
x = torch.from_numpy(x)


def forward(h):
    for i, (w, b, m) in enumerate(layers):
        h = torch.nn.functional.linear(h, w, b)
        if i < len(layers) - 1:
            h = torch.relu(h)
        h = h * m  # the lesion mask at the unit layer's output point (all ones = none)
    return h


def predict():
    out = []
    for i in range(0, x.shape[0], batch):
        out.append(forward(x[i:i + batch]).argmax(1))
    return torch.cat(out)


with torch.inference_mode():
    pred = predict()  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        pred = predict()
        times.append(time.perf_counter() - t0)
best = min(times)
pred.numpy().astype("<i4").tofile(pred_file)
acc = float((pred.numpy() == y).mean())
print("torch_images_per_second=%.0f torch_seconds=%.4f peer_threads=%d accuracy=%.4f"
      % (x.shape[0] / best, best, torch.get_num_threads(), acc))

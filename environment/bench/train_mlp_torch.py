"""Peer for MlpEpochBench: epochs of the paper MLP (784-4x256-10, ReLU, Adam 1e-3, batch 128) on
Fashion-MNIST in PyTorch, with as many intra-op threads as OMP_NUM_THREADS says (the benchmark sets
it). Prints one line: `torch_epoch_seconds=S torch_best_epoch_seconds=B torch_best_epoch_cpu_seconds=C
test_accuracy=A peer_threads=T`: the mean and the best wall seconds of an epoch, and the CPU
seconds of the main thread in its best epoch (with one thread it does all the work).

usage: OMP_NUM_THREADS=T train_mlp_torch.py DATA_DIR [epochs]"""
import sys
import time

import torch

import fashion_idx

data_dir = sys.argv[1]
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
x, y = fashion_idx.load(data_dir, "train")
xt, yt = fashion_idx.load(data_dir, "test")
x, y, xt, yt = map(torch.from_numpy, (x, y, xt, yt))
torch.manual_seed(0)
layers, width = [], 784
for _ in range(4):
    layers += [torch.nn.Linear(width, 256), torch.nn.ReLU()]
    width = 256
model = torch.nn.Sequential(*layers, torch.nn.Linear(width, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
g = torch.Generator().manual_seed(0)
times, cpu = [], []
for _ in range(epochs):
    t0, c0 = time.perf_counter(), time.thread_time()
    perm = torch.randperm(x.shape[0], generator=g)
    for i in range(0, x.shape[0], 128):
        idx = perm[i:i + 128]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
    times.append(time.perf_counter() - t0)
    cpu.append(time.thread_time() - c0)
best = min(range(epochs), key=lambda e: times[e])
with torch.no_grad():
    acc = (model(xt).argmax(1) == yt).float().mean().item()
print("torch_epoch_seconds=%.3f torch_best_epoch_seconds=%.3f torch_best_epoch_cpu_seconds=%.3f"
      " test_accuracy=%.4f peer_threads=%d"
      % (sum(times) / epochs, times[best], cpu[best], acc, torch.get_num_threads()))

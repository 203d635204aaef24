"""Peer for CnnEpochBench: training steps of the papers' small CNN on Fashion-MNIST in PyTorch.

The network is LocSpec's CnnSpec.paper(): conv 3x3x64 (padding 1), ReLU, dropout 0.25; conv 64,
ReLU, max pool 2, dropout 0.25; conv 64, ReLU, max pool 2, dropout 0.25; dense 128, ReLU, dropout
0.5; dense 10. Adam 1e-3, softmax cross-entropy, batch 64, the training images in a seeded random
order. Prints one line: `torch_epoch_seconds=S steps=N peer_threads=T loss=L` (S: the training steps
only, as LocSpec's TrainingHistory.epochSeconds; L: the mean loss of the steps).

usage: train_cnn_torch.py DATA_DIR [steps (default: a full epoch, 938)] [threads (default 1)]"""
import sys
import time

import torch

import fashion_idx

data_dir = sys.argv[1]
x, y = fashion_idx.load(data_dir, "train")
batch = 64
steps = int(sys.argv[2]) if len(sys.argv) > 2 else (x.shape[0] + batch - 1) // batch
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
torch.set_num_threads(threads)
x = torch.from_numpy(x).reshape(-1, 1, 28, 28)
y = torch.from_numpy(y)
torch.manual_seed(0)
nn = torch.nn
model = nn.Sequential(
    nn.Conv2d(1, 64, 3, padding=1), nn.ReLU(), nn.Dropout(0.25),
    nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
    nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.25),
    nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))
model.train()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
perm = torch.randperm(x.shape[0], generator=torch.Generator().manual_seed(0))
total = 0.0
t0 = time.perf_counter()
for s in range(steps):
    idx = perm[(s * batch) % x.shape[0]:][:batch]
    opt.zero_grad()
    loss = loss_fn(model(x[idx]), y[idx])
    loss.backward()
    opt.step()
    total += loss.item()
seconds = time.perf_counter() - t0
print("torch_epoch_seconds=%.3f steps=%d peer_threads=%d loss=%.4f" % (seconds, steps, torch.get_num_threads(), total / steps))

"""Peer for ImportanceBench: the paper MLP (784-4x256-10) in PyTorch, with as many intra-op threads
as OMP_NUM_THREADS says (the benchmark sets it).

Usage:
  /usr/bin/python3 importance_torch.py train OUT.pt DATA_DIR [EPOCHS]
      Trains the MLP (Adam 1e-3, batch 128, seed 0; 2 epochs by default) on Fashion-MNIST from
      DATA_DIR/fashion-mnist and saves it as TorchScript (written to a temp file, then renamed).
      Prints `train_seconds=S test_accuracy=A`.
  /usr/bin/python3 importance_torch.py lesion MODEL.pt DATA_DIR MASKS.txt COUNTS.txt [BATCH]
      The plain loop: for every mask, one full forward pass over the 10,000 test images with the
      mask applied after the ReLU of its hidden layer. MASKS.txt has one mask a line,
      `<hidden layer index 0..3> <string of 0/1, one per unit>`. Writes per mask a line of
      correct counts per class to COUNTS.txt and prints `torch_seconds=S masks=M peer_threads=T`.
"""
import os
import sys
import time

import torch

import fashion_idx


def build():
    layers, width = [torch.nn.Flatten()], 784
    for _ in range(4):
        layers += [torch.nn.Linear(width, 256), torch.nn.ReLU()]
        width = 256
    return torch.nn.Sequential(*layers, torch.nn.Linear(width, 10))


def train(out, data_dir, epochs):
    x, y = map(torch.from_numpy, fashion_idx.load(data_dir, "train"))
    xt, yt = map(torch.from_numpy, fashion_idx.load(data_dir, "test"))
    torch.manual_seed(0)
    model = build()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(0)
    t0 = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(x.shape[0], generator=g)
        for i in range(0, x.shape[0], 128):
            idx = perm[i:i + 128]
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
    seconds = time.perf_counter() - t0
    model.eval()
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    tmp = out + ".tmp"
    torch.jit.save(torch.jit.script(model), tmp)
    os.replace(tmp, out)
    print("train_seconds=%.3f test_accuracy=%.4f peer_threads=%d" % (seconds, acc, torch.get_num_threads()))


def lesion(model_path, data_dir, masks_path, counts_path, batch):
    model = torch.jit.load(model_path)
    model.eval()
    linears = [m for m in model.children() if m.original_name == "Linear"]
    xt, yt = map(torch.from_numpy, fashion_idx.load(data_dir, "test"))
    xt = xt.reshape(-1, 1, 28, 28)
    masks = []
    with open(masks_path) as f:
        for line in f:
            layer, bits = line.split()
            masks.append((int(layer), torch.tensor([float(b) for b in bits])))
    weights = [(l.weight, l.bias) for l in linears]
    counts = []
    t0 = time.perf_counter()
    with torch.no_grad():
        for layer, mask in masks:
            correct = torch.zeros(10, dtype=torch.long)
            for i in range(0, xt.shape[0], batch):
                h = xt[i:i + batch].reshape(-1, 784)
                for k, (w, b) in enumerate(weights):
                    h = torch.nn.functional.linear(h, w, b)
                    if k < len(weights) - 1:
                        h = torch.relu(h)
                        if k == layer:
                            h = h * mask
                pred = h.argmax(1)
                yb = yt[i:i + batch]
                correct += torch.bincount(yb[pred == yb], minlength=10)
            counts.append(correct.tolist())
    seconds = time.perf_counter() - t0
    tmp = counts_path + ".tmp"
    with open(tmp, "w") as f:
        for c in counts:
            f.write(" ".join(str(v) for v in c) + "\n")
    os.replace(tmp, counts_path)
    print("torch_seconds=%.3f masks=%d peer_threads=%d batch=%d" % (seconds, len(masks), torch.get_num_threads(), batch))


if __name__ == "__main__":
    if sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 2)
    elif sys.argv[1] == "lesion":
        lesion(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]) if len(sys.argv) > 6 else 10000)
    else:
        sys.exit("usage: importance_torch.py train|lesion ... (see the docstring)")

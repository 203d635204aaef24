"""Peer for FeatureVisualizationBench: the same batched feature-visualization loop in PyTorch.

  featurevis_torch.py train DATA_DIR OUT.pt
      trains the paper MLP (784-4x256-10, ReLU, Adam 1e-3, batch 128) for 1 epoch on Fashion-MNIST
      (DATA_DIR/fashion-mnist/*.gz) and saves it with torch.jit.save(torch.jit.script(model)).
  featurevis_torch.py run MODEL.pt SPEC.bin OUT.bin
      reads the targets (unit masks), initial parameters and settings written by the Java benchmark,
      optimizes one image per target (Adam on the pixel or Lucid-Fourier parameters, objective
      sum_units |pre-activation|, batched), writes the final objectives (float32) to OUT.bin and
      prints `torch_seconds=S peer_threads=T`.
Threads: as many intra-op threads as OMP_NUM_THREADS says (the benchmark sets it)."""
import os
import struct
import sys
import time

import numpy as np
import torch


def mlp():
    layers, width = [torch.nn.Flatten()], 784
    for _ in range(4):
        layers += [torch.nn.Linear(width, 256), torch.nn.ReLU()]
        width = 256
    return torch.nn.Sequential(*layers, torch.nn.Linear(width, 10))


def train(data_dir, out):
    import fashion_idx
    x, y = fashion_idx.load(data_dir, "train")
    xt, yt = fashion_idx.load(data_dir, "test")
    x, y, xt, yt = map(torch.from_numpy, (x, y, xt, yt))
    torch.manual_seed(0)
    model = mlp()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(0)
    perm = torch.randperm(x.shape[0], generator=g)
    for i in range(0, x.shape[0], 128):
        idx = perm[i:i + 128]
        opt.zero_grad()
        loss_fn(model(x[idx]), y[idx]).backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
    tmp = out + ".tmp"
    torch.jit.save(torch.jit.script(model), tmp)
    os.replace(tmp, out)
    print("trained test_accuracy=%.4f saved=%s peer_threads=%d" % (acc, out, torch.get_num_threads()))


def read_spec(path):
    raw = open(path, "rb").read()
    n, layers, units, c, h, w, steps, batch, fourier = struct.unpack_from("<9i", raw, 0)
    (lr,) = struct.unpack_from("<f", raw, 36)
    off = 40
    layer_of = np.frombuffer(raw, dtype="<i4", count=n, offset=off)
    off += 4 * n
    masks = np.frombuffer(raw, dtype="<f4", count=n * units, offset=off).reshape(n, units)
    off += 4 * n * units
    per = c * 2 * h * (w // 2 + 1) if fourier else c * h * w
    init = np.frombuffer(raw, dtype="<f4", count=n * per, offset=off).reshape(n, per)
    return dict(n=n, layers=layers, units=units, c=c, h=h, w=w, steps=steps, batch=batch,
                fourier=bool(fourier), lr=lr, layer_of=layer_of, masks=masks, init=init)


def fourier_scale(h, w):
    fy = np.fft.fftfreq(h)[:, None]
    fx = np.fft.rfftfreq(w)[None, :]
    freqs = np.sqrt(fx * fx + fy * fy)
    return torch.from_numpy((1.0 / np.maximum(freqs, 1.0 / max(h, w))).astype(np.float32))


def run(model_path, spec_path, out_path):
    s = read_spec(spec_path)
    scripted = torch.jit.load(model_path)
    model = mlp()
    model.load_state_dict(scripted.state_dict())
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    c, h, w, n = s["c"], s["h"], s["w"], s["n"]
    scale = fourier_scale(h, w)

    def image(p):
        if not s["fourier"]:
            return torch.sigmoid(p)
        spec = torch.complex(p[:, :, :h] * scale, p[:, :, h:] * scale)
        return torch.sigmoid(torch.fft.irfft2(spec, s=(h, w)) * (np.sqrt(h * w) / 4.0))

    def objective(x, masks):
        hdn = x.flatten(1)
        total = 0
        for i, lin in enumerate(linears):
            pre = lin(hdn)
            if i in masks:
                total = total + (pre.abs() * masks[i]).sum(1)
            if i == max(masks):
                break
            hdn = torch.relu(pre)
        return total

    def optimize(lo, hi, steps):
        b = hi - lo
        layer_of = s["layer_of"][lo:hi]
        masks = {}
        for l in sorted(set(layer_of.tolist())):
            m = np.where((layer_of == l)[:, None], s["masks"][lo:hi], 0).astype(np.float32)
            masks[l] = torch.from_numpy(m)
        shape = (b, c, 2 * h, w // 2 + 1) if s["fourier"] else (b, c, h, w)
        p = torch.from_numpy(s["init"][lo:hi].copy()).reshape(shape).requires_grad_(True)
        opt = torch.optim.Adam([p], lr=s["lr"])
        for _ in range(steps):
            opt.zero_grad()
            loss = -objective(image(p), masks).sum()
            loss.backward()
            opt.step()
        with torch.no_grad():
            return objective(image(p), masks)

    optimize(0, min(n, s["batch"]), 1)  # warm-up
    t0 = time.perf_counter()
    finals = []
    for lo in range(0, n, s["batch"]):
        finals.append(optimize(lo, min(n, lo + s["batch"]), s["steps"]))
    seconds = time.perf_counter() - t0
    np.concatenate([f.numpy() for f in finals]).astype("<f4").tofile(out_path)
    print("torch_seconds=%.3f peer_threads=%d" % (seconds, torch.get_num_threads()))


if __name__ == "__main__":
    if sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: featurevis_torch.py train DATA_DIR OUT.pt | run MODEL.pt SPEC.bin OUT.bin")

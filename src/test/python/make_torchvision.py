"""Writes torchvision 0.14's VGG-16, ResNet-18 and ResNet-50 with seeded random weights as
TorchScript files, PyTorch's logits, and the channel graph of ResNet-18 computed independently of
LocSpec (from torch.fx's trace of the eager model), for the importer and graph tests, the ImageNet
notebook and the ResNet-50 clustering benchmark.

Usage: /usr/bin/python3 make_torchvision.py OUT_DIR [--only NAME ...]

Idempotent: OUT_DIR/manifest.json records what was written with which torch, torchvision and
script version; files that are there and recorded are kept (a run then takes a second).

Writes into OUT_DIR:
  <net>_scripted.pt, <net>_traced.pt   torch.jit.script / torch.jit.trace of the eval-mode model
                                        (vgg16, resnet18; resnet50 scripted only), batch norms
                                        with random running statistics and affine parameters
  inputs.bin                            2 seeded images, float32 little-endian, (2, 3, 64, 64)
  <net>_<variant>.logits.bin            PyTorch's logits for inputs.bin (torch.jit.load)
  resnet18.channels.bin                 the ResNet-18 channel graph's edge blocks, float32 (below)
  manifest.json                         files, shapes, and the channel graph's groups and blocks

The channel graph (LocSpec's definition, see NetworkGraphs.weights): nodes are the channels of the
tensors a convolution or linear layer reads, grouped by the layer that defines their channels (a
convolution, or an addition); each convolution P connects the channels of the group it reads (S)
with each group its output reaches through batch norms, ReLUs, pooling and additions (P itself
if read directly, each addition on the way), weight |W[j, i]|_1 * |gamma_j| / sqrt(var_j + eps) of
the batch norm right after P. Blocks are written row-major (rows: the reached group's channels
from row_offset, columns: S's channels).
Exits with status 3 if torch or torchvision cannot be imported.
"""
import json
import operator
import os
import sys

try:
    import torch
    import torch.fx
    import torch.fx.passes.shape_prop
    import torchvision
    from torch import nn
except ImportError as e:  # the Java tests turn this into a failure that says what to do
    print(f"cannot import torch/torchvision with {sys.executable}: {e}; install python3-torchvision",
          file=sys.stderr)
    sys.exit(3)

VERSION = 1  # bump when what is written changes
OUT = sys.argv[1]
ONLY = sys.argv[sys.argv.index("--only") + 1:] if "--only" in sys.argv else None
SHAPE = (2, 3, 64, 64)


def write_atomic(name, data):
    path = os.path.join(OUT, name)
    with open(path + ".tmp", "wb") as f:
        f.write(data)
    os.replace(path + ".tmp", path)


def floats(t):
    return t.detach().contiguous().reshape(-1).numpy().astype("<f4").tobytes()


def randomize_batch_norms(model, gen):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            with torch.no_grad():
                m.running_mean.copy_(torch.rand(n, generator=gen) - 0.5)
                m.running_var.copy_(torch.rand(n, generator=gen) * 1.5 + 0.5)
                m.weight.copy_((torch.rand(n, generator=gen) + 0.5)
                               * torch.where(torch.rand(n, generator=gen) < 0.2, -1.0, 1.0))
                m.bias.copy_(torch.rand(n, generator=gen) * 0.6 - 0.3)


def build(name, seed):
    torch.manual_seed(seed)
    model = getattr(torchvision.models, name)(weights=None).eval()
    randomize_batch_norms(model, torch.Generator().manual_seed(seed + 1))
    return model


def save(module, file):
    tmp = os.path.join(OUT, file + ".tmp")
    torch.jit.save(module, tmp)
    os.replace(tmp, os.path.join(OUT, file))


def channel_graph(model):
    """The channel graph of an eager model from its torch.fx trace: groups and edge blocks."""
    gm = torch.fx.symbolic_trace(model)
    modules = dict(gm.named_modules())
    nodes = list(gm.graph.nodes)
    torch.fx.passes.shape_prop.ShapeProp(gm).propagate(torch.zeros(1, 3, 64, 64))

    def kind(n):
        if n.op == "call_module":
            return type(modules[n.target]).__name__
        if n.op == "call_function" and n.target in (operator.add, operator.iadd, torch.add):
            return "add"
        return n.op if n.op in ("placeholder", "output") else str(n.target)

    def defining(n):
        k = kind(n)
        if k in ("Conv2d", "Linear", "add"):
            return n
        if k == "placeholder":
            return None
        return defining(n.args[0])

    readers = [n for n in nodes if kind(n) in ("Conv2d", "Linear")]
    group_set = {defining(r.args[0]) for r in readers}
    group_set.add(defining(nodes[-1].args[0]))
    groups = [n for n in nodes if n in group_set and n is not None and kind(n) in ("Conv2d", "add")]

    def channels(n):
        return n.meta["tensor_meta"].shape[1]

    def bn_after(p):
        n = p
        while len(n.users) == 1:
            (u,) = n.users
            k = kind(u)
            if k in ("Conv2d", "Linear", "add", "output") or "flatten" in k:
                break
            if k == "BatchNorm2d":
                return modules[u.target]
            n = u
        return None

    def reached(p):
        out = [(p, 0)] if p in group_set else []
        stack = [p]
        while stack:
            n = stack.pop()
            for u in n.users:
                k = kind(u)
                if k in ("Conv2d", "Linear", "output") or "flatten" in k:
                    continue
                slots = sum(1 for a in u.args if a is n) if k == "add" else 1
                if k == "add":
                    out.extend([(u, 0)] * slots)
                stack.extend([u] * slots)
        return out

    blocks, data = [], []
    for p in nodes:
        if kind(p) != "Conv2d":
            continue
        s = defining(p.args[0])
        if s is None or s not in group_set:
            continue
        w = modules[p.target].weight.detach().double()
        bn = bn_after(p)
        if bn is not None:
            scale = bn.weight.detach().double().abs() / torch.sqrt(bn.running_var.double() + bn.eps)
            w = w * scale[:, None, None, None]
        adj = w.abs().sum(dim=(2, 3)).float()
        for g, offset in reached(p):
            blocks.append({"conv": p.target, "from": groups.index(s), "to": groups.index(g),
                           "row_offset": offset, "rows": adj.shape[0], "cols": adj.shape[1],
                           "at": sum(len(d) for d in data) // 4})
            data.append(floats(adj))
    return ([{"kind": "conv" if kind(g) == "Conv2d" else "add",
              "module": g.target if kind(g) == "Conv2d" else "", "channels": channels(g)}
             for g in groups], blocks, b"".join(data))


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest_path = os.path.join(OUT, "manifest.json")
    stamp = {"version": VERSION, "torch": torch.__version__, "torchvision": torchvision.__version__}
    manifest = {}
    if os.path.exists(manifest_path):
        manifest = json.load(open(manifest_path))
        if manifest.get("stamp") != stamp:
            manifest = {}
    manifest["stamp"] = stamp
    manifest.setdefault("models", {})
    gen = torch.Generator().manual_seed(11)
    x = torch.randn(*SHAPE, generator=gen)
    write_atomic("inputs.bin", floats(x))
    manifest["inputs"] = {"file": "inputs.bin", "shape": list(SHAPE)}
    plan = {"resnet18": (1, ["scripted", "traced"]), "vgg16": (2, ["scripted", "traced"]),
            "resnet50": (3, ["scripted"])}
    wrote = []
    for name, (seed, variants) in plan.items():
        if ONLY and name not in ONLY:
            continue
        files = [f"{name}_{v}.pt" for v in variants]
        known = manifest["models"].get(name)
        if known and all(os.path.exists(os.path.join(OUT, f)) for f in files):
            continue
        model = build(name, seed)
        entry = {"variants": {}}
        for v in variants:
            module = torch.jit.script(model) if v == "scripted" else torch.jit.trace(model, x)
            save(module, f"{name}_{v}.pt")
            with torch.no_grad():
                logits = torch.jit.load(os.path.join(OUT, f"{name}_{v}.pt"))(x)
            write_atomic(f"{name}_{v}.logits.bin", floats(logits))
            entry["variants"][v] = {"file": f"{name}_{v}.pt", "logits": f"{name}_{v}.logits.bin"}
        if name == "resnet18":
            groups, blocks, data = channel_graph(model)
            write_atomic("resnet18.channels.bin", data)
            entry["channel_graph"] = {"file": "resnet18.channels.bin", "groups": groups,
                                      "blocks": blocks}
        manifest["models"][name] = entry
        write_atomic("manifest.json", json.dumps(manifest, indent=1).encode())
        wrote.append(name)
    write_atomic("manifest.json", json.dumps(manifest, indent=1).encode())
    print("wrote " + (", ".join(wrote) if wrote else "nothing (all present)") + " in " + OUT)


if __name__ == "__main__":
    main()

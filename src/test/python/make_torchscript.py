"""Writes seeded TorchScript models, inputs and PyTorch's logits for TorchScriptImporterTest.

Usage: /usr/bin/python3 make_torchscript.py OUT_DIR

Writes into OUT_DIR:
  inputs.bin                 16 seeded images, float32 little-endian, shape (16, 1, 28, 28)
  <model>.pt                 TorchScript files: mlp_scripted, mlp_traced, cnn_scripted,
                             cnn_traced, nested_scripted (nested Sequential with BatchNorm1d)
  <model>.logits.bin         PyTorch's logits for inputs.bin from torch.jit.load(<model>.pt)
  <model>.lesioned.bin       PyTorch's logits with some units zeroed after their ReLU
                             (forward hooks on the eager model)
  own_module.pt, own_module.logits.bin   a scripted module of the user's own (not a Sequential)
                             calling torch.flatten in its forward, and PyTorch's logits
  sigmoid.pt, grouped.pt, branch.pt, sigmoid_fn.pt, state_dict.pt   files LocSpec must refuse
  manifest.json              shapes, layer names, lesions and lesioned argmax per model
Exits with status 3 if torch cannot be imported.
"""
import json
import os
import struct
import sys

try:
    import torch
    from torch import nn
except ImportError as e:  # the Java test turns this into a failure that says what to do
    print(f"cannot import torch with {sys.executable}: {e}", file=sys.stderr)
    sys.exit(3)

OUT = sys.argv[1]
N = 16


def write_atomic(name, data):
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def floats(t):
    flat = t.detach().reshape(-1).tolist()
    return struct.pack("<%df" % len(flat), *flat)


def save_script(module, name):
    tmp = os.path.join(OUT, name + ".tmp")
    torch.jit.save(module, tmp)
    os.replace(tmp, os.path.join(OUT, name))


def mlp():
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 64), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(64, 32), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(32, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(8 * 6 * 6, 10))


def nested():
    return nn.Sequential(
        nn.Flatten(),
        nn.Sequential(nn.Linear(784, 32), nn.BatchNorm1d(32), nn.ReLU()),
        nn.Linear(32, 10))


def randomize_batch_norms(model, gen):
    """Gives every batch norm non-trivial running statistics and affine parameters."""
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            n = m.num_features
            with torch.no_grad():
                m.running_mean.copy_(torch.rand(n, generator=gen) - 0.5)
                m.running_var.copy_(torch.rand(n, generator=gen) * 1.5 + 0.5)
                m.weight.copy_(torch.rand(n, generator=gen) + 0.5)
                m.bias.copy_(torch.rand(n, generator=gen) * 0.6 - 0.3)


def lesioned_logits(model, relus, x):
    """Logits with units zeroed after the given ReLU modules: {relu module: [unit, ...]}."""
    handles = []
    for relu, units in relus.items():
        def hook(_module, _inputs, output, units=units):
            mask = torch.ones(output.shape[1])
            mask[units] = 0.0
            shape = [1, -1] + [1] * (output.dim() - 2)
            return output * mask.reshape(shape)
        handles.append(relu.register_forward_hook(hook))
    try:
        with torch.no_grad():
            return model(x)
    finally:
        for h in handles:
            h.remove()


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(20240611)
    gen = torch.Generator().manual_seed(7)
    x = torch.randn(N, 1, 28, 28, generator=gen)
    write_atomic("inputs.bin", floats(x))

    models = {}
    m, c, n = mlp().eval(), cnn().eval(), nested().eval()
    randomize_batch_norms(c, gen)
    randomize_batch_norms(n, gen)
    # Lesions: LocSpec layer name -> (the ReLU after it in the eager model, units to zero).
    lesions = {
        "mlp": (m, {"dense1": (m[2], [0, 3, 7, 12, 20, 33, 47, 63]), "dense2": (m[5], [1, 2, 5, 8, 13])}),
        "cnn": (c, {"conv1": (c[2], [1, 4]), "conv2": (c[5], [6])}),
        "nested": (n, {"dense1": (n[1][2], [2, 9, 17, 30])}),
    }
    names = {
        "mlp": ["flatten1", "dense1", "relu1", "dropout1", "dense2", "relu2", "dropout2", "dense3"],
        "cnn": ["conv1", "bn1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten1",
                "dropout1", "dense1"],
        "nested": ["flatten1", "dense1", "bn1", "relu1", "dense2"],
    }
    files = []
    for kind, (model, lesion) in lesions.items():
        variants = {"scripted": torch.jit.script(model)}
        if kind != "nested":
            variants["traced"] = torch.jit.trace(model, x[:2])
        lesioned = lesioned_logits(model, {r: u for r, u in lesion.values()}, x)
        for variant, module in variants.items():
            name = f"{kind}_{variant}"
            save_script(module, name + ".pt")
            with torch.no_grad():
                logits = torch.jit.load(os.path.join(OUT, name + ".pt"))(x)
            write_atomic(name + ".logits.bin", floats(logits))
            write_atomic(name + ".lesioned.bin", floats(lesioned))
            models[name] = {
                "file": name + ".pt",
                "input_shape": list(x.shape[1:]),
                "layers": names[kind],
                "logits": name + ".logits.bin",
                "lesion": {layer: units for layer, (_relu, units) in lesion.items()},
                "lesioned_logits": name + ".lesioned.bin",
                "lesioned_argmax": lesioned.argmax(1).tolist(),
                "intact_argmax": logits.argmax(1).tolist(),
            }
            files.append(name)

    # Files LocSpec must refuse, with the layer index and type named.
    save_script(torch.jit.script(nn.Sequential(nn.Flatten(), nn.Sequential(nn.Linear(784, 10), nn.Sigmoid())).eval()),
                "sigmoid.pt")
    grouped = nn.Sequential(nn.Conv2d(2, 4, 3, groups=2), nn.Flatten(), nn.Linear(4 * 26 * 26, 10)).eval()
    save_script(torch.jit.trace(grouped, torch.rand(1, 2, 28, 28, generator=gen)), "grouped.pt")

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(784, 10)

        def forward(self, v):
            return self.fc(v.flatten(1))

    own = Net().eval()
    save_script(torch.jit.script(own), "own_module.pt")
    with torch.no_grad():
        write_atomic("own_module.logits.bin", floats(torch.jit.load(os.path.join(OUT, "own_module.pt"))(x)))

    class Branch(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(784, 10)

        def forward(self, v):
            if bool(v.sum() > 0):
                return self.fc(v.flatten(1))
            return self.fc(-v.flatten(1))

    class Sigmoid(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(784, 10)

        def forward(self, v):
            return torch.sigmoid(self.fc(v.flatten(1)))

    save_script(torch.jit.script(Branch().eval()), "branch.pt")
    save_script(torch.jit.script(Sigmoid().eval()), "sigmoid_fn.pt")
    torch.save(m.state_dict(), os.path.join(OUT, "state_dict.pt"))

    manifest = {"torch_version": torch.__version__, "batch": N, "inputs": "inputs.bin",
                "models": models}
    write_atomic("manifest.json", json.dumps(manifest, indent=1).encode())
    print("wrote " + ", ".join(files) + " to " + OUT)


if __name__ == "__main__":
    main()

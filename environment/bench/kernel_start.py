"""Peer and driver for KernelStartBench: seconds from starting a Jupyter kernel to the reply of its
first executed cell, measured through jupyter_client as a notebook front end sees it.

Usage:
  /usr/bin/python3 kernel_start.py KERNEL_NAME ROUNDS CODE [JUPYTER_DATA_DIR]
      Starts the kernelspec KERNEL_NAME ROUNDS times (one after the other). Each round: start the
      kernel process, wait for kernel_info (wait_for_ready), execute CODE and wait for its
      execute_reply, then shut the kernel down. Prints per round
      `round=R ready_seconds=S first_cell_seconds=S status=ok`, then the best of the rounds as
      `best_ready_seconds=S best_first_cell_seconds=S kernel=NAME peer_threads=1`.
The kernel is found on the usual Jupyter paths (JUPYTER_DATA_DIR, which the optional last argument
sets, for LocSpec's kernelspec; ipykernel ships python3's).
"""
import os
import sys
import time

from jupyter_client.manager import KernelManager


def first_cell(name, code):
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        ready = time.perf_counter() - t0
        msg_id = kc.execute(code)
        while True:
            reply = kc.get_shell_msg(timeout=120)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        done = time.perf_counter() - t0
        status = reply["content"]["status"]
        if status != "ok":
            raise SystemExit("kernel %s: the first cell failed: %s" % (name, reply["content"]))
        return ready, done
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: kernel_start.py KERNEL_NAME ROUNDS CODE [JUPYTER_DATA_DIR] (see the docstring)")
    if len(sys.argv) == 5:
        os.environ["JUPYTER_DATA_DIR"] = sys.argv[4]
    name, rounds, code = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    best = None
    for r in range(rounds):
        ready, done = first_cell(name, code)
        print("round=%d ready_seconds=%.3f first_cell_seconds=%.3f status=ok" % (r, ready, done), flush=True)
        best = (ready, done) if best is None or done < best[1] else best
    print("best_ready_seconds=%.3f best_first_cell_seconds=%.3f kernel=%s peer_threads=1" % (best[0], best[1], name))


if __name__ == "__main__":
    main()

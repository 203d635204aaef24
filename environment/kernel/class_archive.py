"""Writes the LocSpec kernel's class-data-sharing archive (AppCDS), which cuts its start-up: the
classes a kernel loads to answer its first cells (its own, JJava's, ZeroMQ's, JShell's compiler),
already parsed and verified, mapped from one file.

Usage: /usr/bin/python3 class_archive.py OUT.jsa   (run by environment/install-kernel.sh)

Starts the installed "locspec" kernelspec through jupyter_client with
LOCSPEC_JAVA_OPTS=-XX:ArchiveClassesAtExit=<temp file>, runs two small cells, shuts the kernel down
cleanly (the JVM writes the archive as it exits), then renames the temp file to OUT.jsa. The
archive fits exactly the class path it was made with: environment/kernel/locspec-kernel uses it
only while no jar is newer than it (re-run install-kernel.sh after a rebuild).
"""
import os
import sys
import time

from jupyter_client.manager import KernelManager

CELLS = ["1 + 1", "var xs = List.of(1, 2, 3);\nxs.stream().mapToInt(i -> i).sum()"]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: class_archive.py OUT.jsa")
    out = os.path.abspath(sys.argv[1])
    tmp = out + ".tmp"
    if os.path.exists(tmp):
        os.remove(tmp)
    env = dict(os.environ)
    env["LOCSPEC_JAVA_OPTS"] = (env.get("LOCSPEC_JAVA_OPTS", "") + " -XX:ArchiveClassesAtExit=" + tmp + " -Xlog:cds=error,cds+dynamic=error").strip()
    km = KernelManager(kernel_name="locspec")
    km.start_kernel(env=env)
    kc = km.client()
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=180)
        for code in CELLS:
            reply = kc.execute_interactive(code, timeout=180, output_hook=lambda msg: None)
            if reply["content"]["status"] != "ok":
                sys.exit("class_archive.py: cell %r failed: %s" % (code, reply["content"]))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)  # a clean exit, so that the JVM writes the archive
    deadline = time.time() + 120
    while km.is_alive() and time.time() < deadline:
        time.sleep(0.2)
    if not os.path.isfile(tmp) or os.path.getsize(tmp) == 0:
        sys.exit("class_archive.py: the kernel wrote no archive at " + tmp)
    os.replace(tmp, out)
    print("class archive %s (%.0f MB)" % (out, os.path.getsize(out) / 1e6))


if __name__ == "__main__":
    main()

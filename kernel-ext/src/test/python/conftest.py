"""Shared fixtures: one LocSpec kernel, started through the installed kernelspec by jupyter_client."""
import os
import queue
import time

import pytest
from jupyter_client.manager import start_new_kernel

KERNEL_NAME = os.environ.get("LOCSPEC_KERNEL_NAME", "locspec")


class Reply:
    """What one execute request produced: the shell reply and the IOPub messages up to idle."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.content = reply["content"]
        self.messages = messages

    @property
    def status(self):
        return self.content["status"]

    def outputs(self, *types):
        return [m for m in self.messages if m["msg_type"] in types]

    def data(self, mime):
        """Every value of one MIME type in execute_result / display_data / update_display_data."""
        return [m["content"]["data"][mime]
                for m in self.outputs("execute_result", "display_data", "update_display_data")
                if mime in m["content"].get("data", {})]

    def stream(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.outputs("stream")
                       if m["content"]["name"] == name)

    def error_text(self):
        parts = [self.content.get("ename", ""), self.content.get("evalue", "")]
        parts += self.content.get("traceback", [])
        for m in self.outputs("error"):
            parts += [m["content"].get("ename", ""), m["content"].get("evalue", "")]
            parts += m["content"].get("traceback", [])
        return "\n".join(parts)


class Kernel:
    def __init__(self, km, kc):
        self.km = km
        self.kc = kc
        self.startup_seconds = None

    def execute(self, code, timeout=300):
        msg_id = self.kc.execute(code)
        messages = []
        deadline = time.time() + timeout
        while True:
            remaining = deadline - time.time()
            if remaining <= 0:
                raise TimeoutError("no idle status within %s s for: %s" % (timeout, code))
            try:
                msg = self.kc.get_iopub_msg(timeout=remaining)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            messages.append(msg)
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        return Reply(reply, messages)

    def request(self, send, timeout=60):
        msg_id = send()
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]


@pytest.fixture(scope="session")
def kernel():
    t0 = time.time()
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=180)
    k = Kernel(km, kc)
    k.startup_seconds = time.time() - t0
    print("\nLocSpec kernel started in %.1f s" % k.startup_seconds)
    try:
        yield k
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

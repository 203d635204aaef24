"""Shared fixtures: LocSpec kernels started through the installed kernelspec by jupyter_client, and
raw ZeroMQ access to a kernel's sockets for messages a well-behaved client never sends."""
import os
import queue
import time

import pytest
import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

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

    def execute(self, code, timeout=300, interrupt_on=None, interrupt_after=None):
        """Runs code; with interrupt_on, interrupts the cell once it has printed that text; with
        interrupt_after, once that many seconds have passed since its first output."""
        msg_id = self.kc.execute(code)
        messages = []
        printed = ""
        deadline = time.time() + timeout
        interrupt_at = None
        while True:
            remaining = deadline - time.time()
            if remaining <= 0:
                raise TimeoutError("no idle status within %s s for: %s" % (timeout, code))
            if interrupt_at is not None and time.time() >= interrupt_at:
                self.km.interrupt_kernel()
                interrupt_after = interrupt_at = None
            try:
                msg = self.kc.get_iopub_msg(
                    timeout=remaining if interrupt_at is None else min(remaining, 0.5))
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            messages.append(msg)
            if interrupt_after is not None and interrupt_at is None and msg["msg_type"] != "status":
                interrupt_at = time.time() + interrupt_after
            if interrupt_on is not None and msg["msg_type"] == "stream":
                printed += msg["content"]["text"]
                if interrupt_on in printed:
                    self.km.interrupt_kernel()
                    interrupt_on = None
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        return Reply(reply, messages)

    def iopub_for(self, msg_id, seconds):
        """IOPub messages with this parent that arrive within the given time (e.g. after idle)."""
        found = []
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.05, deadline - time.time()))
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                found.append(msg)
        return found

    def pid(self):
        return self.km.provisioner.process.pid

    def request(self, send, timeout=60):
        msg_id = send()
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]


class RawChannel:
    """A DEALER socket on a kernel's shell or control port that sends exactly the frames given."""

    def __init__(self, kernel, channel, key=None):
        info = kernel.km.get_connection_info(session=False)
        self.session = Session(key=info["key"] if key is None else key,
                               signature_scheme=info["signature_scheme"])
        self.socket = zmq.Context.instance().socket(zmq.DEALER)
        self.socket.linger = 0
        self.socket.connect("%s://%s:%d" % (info["transport"], info["ip"], info[channel + "_port"]))

    def frames(self, msg_type, content):
        """The signed frames of a new message (send them once, or twice to replay it)."""
        return self.session.serialize(self.session.msg(msg_type, content=content))

    def send(self, frames):
        self.socket.send_multipart(frames)

    def replies(self, seconds):
        """The messages the kernel sends back on this socket within the given time."""
        out = []
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.socket.poll(timeout=100):
                parts = self.socket.recv_multipart()
                _, msg = self.session.feed_identities(parts)
                out.append(self.session.deserialize(msg))
        return out

    def close(self):
        self.socket.close()


def random_net(name, sizes, seed):
    """Java that declares LayerWeights `name`: a dense net of the given layer sizes, seeded
    Gaussian weights (for library work in protocol tests)."""
    lines = ["import org.locspec.graph.*;", "import org.locspec.cluster.*;",
             "import org.locspec.progress.ProgressListener;",
             "java.util.Random %sRandom = new java.util.Random(%d);" % (name, seed)]
    matrices = []
    for i in range(len(sizes) - 1):
        m = "%sW%d" % (name, i)
        matrices.append(m)
        lines.append("float[][] %s = new float[%d][%d];" % (m, sizes[i + 1], sizes[i]))
        lines.append("for (float[] row : %s) for (int j = 0; j < row.length; j++) "
                     "row[j] = (float) %sRandom.nextGaussian();" % (m, name))
    names = ", ".join('"layer%d"' % i for i in range(len(sizes)))
    lines.append("LayerWeights %s = LayerWeights.ofDense(List.of(%s), List.of(%s));"
                 % (name, names, ", ".join(matrices)))
    return "\n".join(lines)


def execute_content(code):
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}


def start_kernel(**env):
    """Starts a kernel; keyword arguments are extra environment variables for it."""
    t0 = time.time()
    extra = {"env": dict(os.environ, **env)} if env else {}
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=180, **extra)
    k = Kernel(km, kc)
    k.startup_seconds = time.time() - t0
    return k


def stop_kernel(k):
    k.kc.stop_channels()
    k.km.shutdown_kernel(now=True)


@pytest.fixture(scope="session")
def kernel():
    k = start_kernel()
    print("\nLocSpec kernel started in %.1f s" % k.startup_seconds)
    try:
        yield k
    finally:
        stop_kernel(k)


@pytest.fixture
def fresh_kernel():
    """A kernel of its own, for tests that end or exhaust it."""
    k = start_kernel()
    try:
        yield k
    finally:
        stop_kernel(k)

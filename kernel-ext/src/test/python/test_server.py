"""The LocSpec kernel behind a real Jupyter server (the Notebook server environment/start.sh opens),
driven as a browser does: REST for the kernel, a websocket for its messages. The server applies its
default IOPub rate limits (1000 messages/s, 1 MB/s over 3 s) and restarts kernels that die."""
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from tornado.websocket import websocket_connect

TOKEN = uuid.uuid4().hex
KERNEL_NAME = os.environ.get("LOCSPEC_KERNEL_NAME", "locspec")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, root):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.process = subprocess.Popen(
            [sys.executable, "-m", "notebook", "--no-browser", "--ip=127.0.0.1",
             "--port=%d" % self.port, "--port-retries=0", "--NotebookApp.token=" + TOKEN,
             "--notebook-dir=" + str(root)] + (["--allow-root"] if os.geteuid() == 0 else []),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                self.rest("GET", "/api/status")
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the notebook server did not start on port %d" % self.port)

    def rest(self, method, path, body=None):
        req = urllib.request.Request(
            self.base + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": "token " + TOKEN, "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
            return json.loads(text) if text else None

    def start_kernel(self):
        return self.rest("POST", "/api/kernels", {"name": KERNEL_NAME})["id"]

    def kernel_state(self, kernel_id):
        return self.rest("GET", "/api/kernels/" + kernel_id)["execution_state"]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Channels:
    """The websocket a notebook page opens for one kernel."""

    def __init__(self, server, kernel_id):
        self.server = server
        self.kernel_id = kernel_id
        self.session = uuid.uuid4().hex
        self.loop = asyncio.new_event_loop()
        url = "ws://127.0.0.1:%d/api/kernels/%s/channels?session_id=%s&token=%s" % (
            server.port, kernel_id, self.session, TOKEN)

        async def connect():
            return await websocket_connect(url)

        self.ws = self.loop.run_until_complete(connect())

    def send(self, code):
        """Sends an execute_request for code; returns its msg_id."""
        msg_id = uuid.uuid4().hex
        self.run(lambda: self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "username": "test", "session": self.session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}})))
        return msg_id

    def read(self, timeout):
        """The next message from the websocket as a dict, or None after timeout seconds."""
        try:
            raw = self.run(lambda: asyncio.wait_for(self.ws.read_message(), timeout))
        except asyncio.TimeoutError:
            return None
        return None if raw is None else json.loads(raw)

    def wait_for_status(self, wanted, timeout):
        """Reads messages until a status with execution_state wanted; True if it came in time."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            msg = self.read(deadline - time.time())
            if msg is None:
                return False
            if msg.get("msg_type") == "status" and msg["content"]["execution_state"] == wanted:
                return True
        return False

    def execute(self, code, timeout=300):
        """Sends code; returns (reply content or None, IOPub messages up to idle, seconds)."""
        msg_id = self.send(code)
        t0 = time.time()
        reply, messages, idle = None, [], False
        while not (idle and reply is not None):
            left = timeout - (time.time() - t0)
            if left <= 0:
                break
            msg = self.read(left)
            if msg is None:
                break
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["channel"] == "shell":
                reply = msg["content"]
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            else:
                messages.append(msg)
        return reply, messages, idle, time.time() - t0

    def run(self, make):
        """Runs the awaitable that make() creates on this connection's event loop."""
        async def wrapper():
            return await make()

        return self.loop.run_until_complete(wrapper())

    def close(self):
        self.ws.close()
        self.run(lambda: asyncio.sleep(0.2))  # let the connection finish closing
        self.loop.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("notebooks"))
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def channels(server):
    kernel_id = server.start_kernel()
    c = Channels(server, kernel_id)
    try:
        yield c
    finally:
        c.close()
        server.rest("DELETE", "/api/kernels/" + kernel_id)


def stream_text(messages):
    return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream")


# 4. Through the server, a print flood hit "IOPub message rate exceeded" and idle never came.

def test_a_print_flood_arrives_whole_through_the_server_under_its_rate_limits(channels):
    reply, messages, idle, seconds = channels.execute(
        'for (int i = 0; i < 200_000; i++) System.out.println("line " + i);')
    assert idle, "no idle status through the server"
    assert reply is not None and reply["status"] == "ok"
    text = stream_text(messages)
    assert "IOPub message rate exceeded" not in text
    assert "IOPub data rate exceeded" not in text  # 2.3 MB in a few messages: under 1 MB/s
    lines = text.splitlines()
    assert len(lines) == 200_000 and lines[-1] == "line 199999"
    streams = [m for m in messages if m["msg_type"] == "stream"]
    # the server limits 1000 messages/s over 3 s windows; batching stays far below
    assert len(streams) / max(seconds, 1.0) < 100, (len(streams), seconds)
    # the next cell answers at once, with all its output
    reply, messages, idle, seconds = channels.execute('System.out.println("after the flood");')
    assert idle and reply["status"] == "ok"
    assert stream_text(messages) == "after the flood\n"


# After System.exit(1) the server restarts the kernel; its REST state stayed "starting" until a
# client happened to send a request. (The new kernel's own "starting" status lasts a few ms and the
# server's IOPub subscriber may join after it: the server's "restarting" message on the websocket is
# the reliable sign of the restart.)

def wait_for_state(server, kernel_id, wanted, seconds):
    deadline = time.time() + seconds
    states = []
    while time.time() < deadline:
        state = server.kernel_state(kernel_id)
        if not states or states[-1] != state:
            states.append(state)
        if state == wanted:
            break
        time.sleep(0.2)
    return states


def test_after_system_exit_the_restarted_kernel_becomes_idle_in_the_servers_state(server, channels):
    reply, _, _, _ = channels.execute("int before = 1;")
    assert reply["status"] == "ok"
    time.sleep(11)  # past the restarter's stable start time: the restart keeps the ports
    channels.send("System.exit(1);")  # no reply: the process ends
    assert channels.wait_for_status("restarting", 60), "the server did not restart the kernel"
    states = wait_for_state(server, channels.kernel_id, "idle", 60)
    assert states[-1] == "idle", "no request sent, and the server still says %s" % states
    # a new process: the old cell's variable is gone
    reply, _, idle, _ = channels.execute("before", timeout=30)
    assert reply is not None and reply["status"] == "error" and idle
    reply, messages, idle, _ = channels.execute("40 + 2", timeout=30)
    assert reply is not None and reply["status"] == "ok" and idle
    assert [m["content"]["data"]["text/plain"] for m in messages
            if m["msg_type"] == "execute_result"] == ["42"]
    # the server's REST state follows its own IOPub subscriber, a moment after the websocket's idle
    assert wait_for_state(server, channels.kernel_id, "idle", 10)[-1] == "idle"

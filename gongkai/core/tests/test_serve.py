"""``gongkai serve`` stops its children (gunicorn and the job consumer) when it is told to stop."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads children from /proc")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_to_serve_stops_gunicorn_and_the_consumer(tmp_path, signum):
    port = free_port()
    env = {**os.environ, "GONGKAI_DATA_DIR": str(tmp_path), "DATABASE_URL": "", "REDIS_URL": ""}
    serve = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children: set[int] = set()
    try:
        if not wait_for(lambda: port_open(port) or serve.poll() is not None, 60) or not port_open(port):
            pytest.skip("gunicorn did not start on a loopback port")
        # The consumer, the gunicorn master and its worker (forked after the port is bound).
        assert wait_for(lambda: len(descendants(serve.pid)) >= 3, 30)
        children = descendants(serve.pid)
        serve.send_signal(signum)
        assert serve.wait(timeout=45) == 0
        assert wait_for(lambda: not any(alive(pid) for pid in children), 10)
        assert not port_open(port)
    finally:
        # Orphans (the failure this test is for) are no longer below ``serve``: end the ones recorded.
        for pid in (children | descendants(serve.pid)) if serve.poll() is None else children:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if serve.poll() is None:
            serve.kill()

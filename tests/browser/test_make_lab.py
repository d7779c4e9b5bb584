"""The JupyterLab that `make lab` starts keeps its token and listens on this machine only."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

from conftest import ROOT

ADDRESS = re.compile(r"http://127\.0\.0\.1:(\d+)/\S*\?token=([0-9a-f]+)")


def status(port, token=None):
    """Return the HTTP status of /api/status, with or without the token."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/status")
    if token:
        request.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_make_lab_keeps_the_token_and_listens_on_localhost_only(tmp_path):
    env = dict(
        os.environ,
        BROWSER="true",  # Python's webbrowser runs `true URL`: no browser window in a test
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
    )
    log_path = tmp_path / "make-lab.log"
    with log_path.open("w") as log:
        # A session of its own, so the test can stop make and the server it started, and nothing else.
        make = subprocess.Popen(
            ["make", "--no-print-directory", "-C", str(ROOT), "lab"],
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    try:
        address = None
        deadline = time.monotonic() + 300  # patience for a first `make lab` that installs packages
        while address is None and make.poll() is None and time.monotonic() < deadline:
            time.sleep(0.5)
            address = ADDRESS.search(log_path.read_text(errors="replace"))
        assert address, f"make lab printed no 127.0.0.1 address with a token:\n{log_path.read_text()[-3000:]}"
        port, token = address.groups()
        assert status(port, token) == 200
        assert status(port) == 403, "the server answers without the token"
        assert status(port, "wrong" + token) == 403
        # 127.0.0.2 is this machine too: a server bound to 127.0.0.1 alone refuses it, one on 0.0.0.0 not.
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.2", int(port))) != 0, "the server listens beyond 127.0.0.1"
    finally:
        os.killpg(make.pid, signal.SIGTERM)
        make.wait(timeout=60)

"""JupyterLab on 127.0.0.1 with a token, and Debian's Chromium driven by Playwright, for the browser tests."""

import json
import os
import pathlib
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"  # Debian's; `playwright install` would download another and fails offline
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Tall, because JupyterLab scrolls inside its own panel: a full-page screenshot would show one screen only.
VIEWPORT = {"width": 1400, "height": 2600}
SETTINGS = {
    # no "Jupyter news" pop-up over the notebook in the screenshots
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # never write the run's outputs back into notebooks/
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    # every cell stays in the page, so every widget can be counted, scrolled into view or not
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
}


def pytest_addoption(parser):
    """Let the harness run over another folder of notebooks and save screenshots elsewhere."""
    parser.addoption("--notebooks", default=str(ROOT / "notebooks"), help="folder of NN-*.ipynb to open")
    parser.addoption("--screenshots", default=str(ROOT / "artifacts" / "screenshots"), help="where to save")


def pytest_generate_tests(metafunc):
    """Give every test that asks for `notebook` each notebooks/NN-*.ipynb in turn."""
    if "notebook" in metafunc.fixturenames:
        folder = pathlib.Path(metafunc.config.getoption("--notebooks")).resolve()
        paths = sorted(folder.glob("[0-9][0-9]-*.ipynb"))
        metafunc.parametrize("notebook", paths, ids=[p.stem for p in paths])


@pytest.fixture(scope="session")
def screenshots(pytestconfig):
    """Return the folder that keeps one screenshot a notebook (CI keeps it as an artifact)."""
    folder = pathlib.Path(pytestconfig.getoption("--screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing is listening on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A JupyterLab server this test session started, and how to talk to it."""

    def __init__(self, root, home):
        self.root = root
        self.token = secrets.token_hex(24)
        self.base = f"http://127.0.0.1:{free_port()}"
        self.log_path = home / "jupyterlab.log"
        settings = home / "settings"
        for plugin, values in SETTINGS.items():
            path = settings / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        # Settings, workspaces, config and kernels all live in this session's folder, not in the user's home.
        env = dict(
            os.environ,
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
            JUPYTER_CONFIG_DIR=str(home / "config"),
            JUPYTER_DATA_DIR=str(home / "data"),
            JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        )
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ip", "127.0.0.1", f"--port={self.base.rsplit(':', 1)[1]}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={root}",
            # JupyterLab checkpoints a notebook it opens; keep those copies out of notebooks/
            f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",
        ]  # fmt: skip
        if os.geteuid() == 0:
            command.append("--allow-root")  # JupyterLab refuses to start as root without it (CI runs as root)
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)

    def log(self):
        """Return the end of the server's log, for failure messages."""
        return self.log_path.read_text(errors="replace")[-3000:]

    def api(self, path, method="GET"):
        """Call the server's REST API with the token and return the decoded JSON (None if empty)."""
        request = urllib.request.Request(self.base + path, method=method)
        request.add_header("Authorization", f"token {self.token}")
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def wait_until_ready(self, patience=120):
        """Return once the server answers; fail with its log if it exits or never answers."""
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {self.process.returncode}:\n{self.log()}")
            try:
                self.api("/api/status")
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.25)
        pytest.fail(f"JupyterLab did not answer on {self.base} within {patience} s:\n{self.log()}")

    def url(self, notebook):
        """Return the address that opens notebook in a fresh workspace, logged in with the token."""
        path = notebook.relative_to(self.root).as_posix()
        return f"{self.base}/lab/tree/{path}?reset&token={self.token}"

    def shut_down_kernels(self):
        """Shut down every session (and so its kernel) this server is running."""
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def stop(self):
        """Stop the server by its own process id: SIGTERM, then SIGKILL if it lingers."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def lab(pytestconfig):
    """Start JupyterLab over the notebooks' parent folder, as Binder does, and stop it at the end."""
    folder = pathlib.Path(pytestconfig.getoption("--notebooks")).resolve()
    with tempfile.TemporaryDirectory(prefix="actlearn-lab-") as home:
        server = Lab(folder.parent, pathlib.Path(home))
        try:
            server.wait_until_ready()
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="session")
def browser():
    """Return headless Debian Chromium under Playwright."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install it with `apt-get install -y chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, lab):
    """Return a fresh browser page; afterwards close it and shut down the kernels it started."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    yield page
    context.close()
    lab.shut_down_kernels()

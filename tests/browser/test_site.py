"""Build the static site and open every page in headless Chromium, as a reader with no network would.

`make test-site` runs this file (plain `make test` does not: it needs Chromium and npm). Each page must
ask no other host for anything, log no console error, load every image and typeset its math; each
notebook page must carry its launch and download links. One screenshot a page goes to artifacts/site/.
"""

import functools
import http.server
import json
import os
import pathlib
import subprocess
import threading
from urllib.parse import parse_qs, urlsplit

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(ROOT.glob("notebooks/[0-9][0-9]-*.ipynb"))
PAGES = ["index", "search", "genindex", "teaching"] + [f"notebooks/{path.stem}" for path in NOTEBOOKS]
LAUNCH = tomllib.loads((ROOT / "docs" / "site" / "launch.toml").read_text())
HUB = "https://hub.example.org"  # the test's hub, so the nbgitpuller button is built and checked too
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
VIEWPORT = {"width": 1280, "height": 900}
# Images that did not load, and figures in cell outputs without a real description.
BROKEN_IMAGES = "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
FIGURES = "() => [...document.querySelectorAll('.cell_output img')].map(i => i.getAttribute('alt') || '')"
# True once every math element holds MathJax's output.
TYPESET = """() => [...document.querySelectorAll('.math')]
    .every(m => m.querySelector('mjx-container') !== null)"""


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build the site with `make site` into a folder of its own and return its html folder."""
    folder = tmp_path_factory.mktemp("site")
    env = dict(os.environ, ACTLEARN_JUPYTERHUB=HUB)
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "site", f"SITE={folder}"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = (folder / "warnings.log").read_text()
    assert warnings == "", warnings  # a broken link, a skipped heading level, an output it cannot show
    return folder / "html"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        """Keep the test's output for failures, not one line a request."""


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on 127.0.0.1, as GitHub Pages would, and return its base address."""
    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def screenshots():
    folder = ROOT / "artifacts" / "site"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Reader:
    """A browser page that records every request, failed load and console error while it is open."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport=VIEWPORT)
        self.elsewhere, self.failed, self.errors = [], [], []
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def route(self, route):
        """Let local requests through; record and block any to another host."""
        url = urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def check(self):
        """Fail on anything recorded so far."""
        assert not self.elsewhere, f"requests to other hosts: {self.elsewhere}"
        assert not self.failed, f"failed loads: {self.failed}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture
def reader(browser):
    reader = Reader(browser)
    yield reader
    reader.context.close()


# Tests that take `notebook` run once for each notebooks/NN-*.ipynb (tests/browser/conftest.py).


def stored_figures(notebook):
    """Return how many pictures the notebook's stored outputs show as PNG (widgets' included)."""
    outputs = [o for cell in json.loads(notebook.read_text())["cells"] for o in cell.get("outputs", [])]
    return sum("image/png" in o.get("data", {}) and "text/html" not in o["data"] for o in outputs)


def has_math(notebook):
    """Return whether any Markdown cell of the notebook writes math between dollar signs."""
    cells = json.loads(notebook.read_text())["cells"]
    return any("$" in "".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def test_the_reader_catches_a_request_to_another_host(reader):
    reader.page.set_content('<img src="https://example.org/pixel.png">')
    with pytest.raises(AssertionError, match="example.org"):
        reader.check()


def test_the_site_has_one_page_per_notebook_the_teachers_guide_and_no_others(site):
    built = {p.relative_to(site).with_suffix("").as_posix() for p in site.rglob("*.html")}
    built = {page for page in built if not page.startswith(("_static/", "_sources/"))}
    assert built == set(PAGES)


def read(reader, url, screenshot):
    """Open a page like a reader: wait for its math and images, check them, and take a screenshot."""
    page = reader.page
    page.goto(url, wait_until="load")
    if page.locator(".math").count():
        page.wait_for_function(TYPESET, timeout=30_000)
        assert page.locator("mjx-merror").count() == 0, "MathJax could not typeset a formula"
    page.wait_for_load_state("networkidle")
    assert page.evaluate(BROKEN_IMAGES) == []
    assert page.locator("link[rel='icon']").count() == 1, "without a favicon the browser asks for one"
    page.screenshot(path=screenshot, full_page=True)
    return page


@pytest.mark.parametrize("name", ["index", "search", "genindex", "teaching"])
def test_page_loads_everything_from_the_site_alone(server, reader, screenshots, name):
    read(reader, f"{server}/{name}.html", screenshots / f"{name}.png")
    reader.check()


def test_notebook_page_shows_its_outputs_and_launch_links(server, reader, screenshots, notebook):
    page = read(reader, f"{server}/notebooks/{notebook.stem}.html", screenshots / f"{notebook.stem}.png")
    alts = page.evaluate(FIGURES)
    assert len(alts) == stored_figures(notebook), "every stored picture, a widget's too, is on the page"
    assert all(alt and "/" not in alt.split()[0] and not alt.endswith(".png") for alt in alts), alts
    assert page.locator("script[type='application/vnd.jupyter.widget-view+json']").count() == 0
    if has_math(notebook):
        assert page.locator("mjx-container").count() > 0, "the notebook writes math; the page shows none"

    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    path = f"notebooks/{notebook.name}"
    # README.md's pattern: https://mybinder.org/v2/gh/<user>/<repository>/<branch>?urlpath=lab/tree/<path>
    user, repository = urlsplit(LAUNCH["repository"]).path.strip("/").split("/")
    binder = f"{LAUNCH['binderhub']}/v2/gh/{user}/{repository}/{LAUNCH['branch']}?urlpath=lab/tree/{path}"
    assert binder in links
    # nbgitpuller clones into a folder named after the repository, so urlpath starts with it (README.md)
    pulls = [urlsplit(link) for link in links if link.startswith(f"{HUB}/hub/user-redirect/git-pull?")]
    assert len(pulls) == 1, links
    query = {key: values[0] for key, values in parse_qs(pulls[0].query).items()}
    assert query == {
        "repo": LAUNCH["repository"],
        "branch": LAUNCH["branch"],
        "urlpath": f"lab/tree/{repository}/{path}",
    }
    downloads = [link for link in links if link.endswith(".ipynb") and link.startswith(server)]
    assert len(downloads) == 1, links
    assert page.request.get(downloads[0]).body() == notebook.read_bytes(), "not the notebook as stored"
    reader.check()


def test_front_page_is_the_readme_with_every_notebook_in_reading_order(server, reader):
    page = reader.page
    page.goto(f"{server}/index.html", wait_until="load")
    readme = (ROOT / "README.md").read_text()
    opening = readme.split("\n\n")[1].split()[:8]  # the first words of the introduction
    assert " ".join(opening) in " ".join(page.locator("main").inner_text().split())
    expected = [f"{server}/notebooks/{path.stem}.html" for path in NOTEBOOKS]
    sidebar = page.eval_on_selector_all("nav.bd-links a[href]", "links => links.map(a => a.href)")
    assert sidebar == [*expected, f"{server}/teaching.html"], (
        "the notebooks in file-name order, then the guide"
    )
    content = page.eval_on_selector_all("main a[href*='notebooks/']", "links => links.map(a => a.href)")
    assert content and all(link in expected for link in content), "README links to notebooks become pages"
    reader.check()


def test_teachers_guide_links_to_every_notebook_page_and_its_own_sections(server, reader):
    page = reader.page
    page.goto(f"{server}/teaching.html", wait_until="load")
    links = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
    pages = {link.split("#")[0] for link in links if "/notebooks/" in link}
    assert pages == {f"{server}/notebooks/{path.stem}.html" for path in NOTEBOOKS}
    local = [link for link in links if link.startswith(server) and "/_sources/" not in link]
    assert not [link for link in local if link.split("#")[0].endswith((".md", ".ipynb"))], local
    for link in links:
        if link.startswith(f"{server}/teaching.html#"):  # a link to a section of the guide lands on one
            assert page.locator(f"[id='{link.split('#')[1]}']").count() == 1, link
    reader.check()


def test_search_finds_a_notebook_offline(server, reader):
    page = reader.page
    page.goto(f"{server}/search.html?q=sigmoid", wait_until="load")
    page.wait_for_selector("#search-results li", timeout=30_000)
    hits = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.href)")
    assert f"{server}/notebooks/03-sigmoid.html" in [hit.split("?")[0] for hit in hits]
    reader.check()

"""Open every notebook in JupyterLab in headless Chromium, Run All, and check what a learner would see."""

import json
import pathlib
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A widget a cell displays (not one inside an Output widget, which the stored notebook keeps elsewhere).
TOP_WIDGETS = ".jp-Cell-outputArea > .jp-OutputArea-child > .jp-OutputArea-output > .jupyter-widgets"
ERRORS = (
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'],"
    ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
)
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"
LOAD = 120_000  # ms: patience for a cold JupyterLab on a busy 2-core machine, not a time limit on the course
RUN = 600_000  # ms: a notebook that runs longer than this is stuck
# True once all the notebook's cells are on the page and its kernel is idle, or a dialog asks for a kernel.
LOADED = """([cells, kernel, idle]) => {
    const shown = document.querySelectorAll('.jp-NotebookPanel .jp-Cell').length;
    const name = document.querySelector('.jp-Toolbar-kernelName')?.textContent.trim();
    const ready = name === kernel && document.querySelector(idle) !== null;
    return shown === cells && (ready || document.querySelector('.jp-Dialog') !== null);
}"""
# True once a cell is queued or has run: the prompts read [ ]: after Clear Outputs, [*]: or [n]: after.
RUN_STARTED = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
# True once every code cell shows [n]: after a Run All, or any error output appeared (Run All stops there).
RUN_FINISHED = """([errors, idle]) => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(p => p.textContent);
    const busy = prompts.some(p => p.includes('*'));
    const done = prompts.every(p => /\\[\\d+\\]/.test(p)) || document.querySelector(errors) !== null;
    return !busy && done && document.querySelector(idle) !== null;
}"""
# The slider's description ("beta"), to name it in a failure.
LABEL = """h => 'the slider ' + JSON.stringify(
    h.closest('.widget-slider')?.querySelector('.widget-label')?.textContent || '(no label)')"""
# What a slider shows: its readout ("0.25"; aria-valuenow may round it away) and where its handles are.
READOUT = """h => {
    const slider = h.closest('.widget-slider');
    const readout = slider?.querySelector('.widget-readout')?.textContent.trim();
    const handles = [...(slider ?? h).querySelectorAll('.noUi-handle')];
    return readout + ' ' + handles.map(x => x.getAttribute('aria-valuenow')).join(' ');
}"""
# A fingerprint of every picture in an explorer: the bytes, so a redraw of the same figure does not count.
PICTURES = """async root => {
    const prints = [];
    for (const img of root.querySelectorAll('img')) {
        try {
            const bytes = await (await fetch(img.src)).arrayBuffer();
            const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
            prints.push(Array.from(digest, b => b.toString(16).padStart(2, '0')).join(''));
        } catch (error) {
            prints.push('unreadable');
        }
    }
    return prints.join(',');
}"""


def stored(notebook):
    """Return (number of cells, number of widgets the stored outputs show, kernel name)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    outputs = [output for cell in nb["cells"] for output in cell.get("outputs", [])]
    widgets = sum(WIDGET_VIEW in output.get("data", {}) for output in outputs)
    return len(nb["cells"]), widgets, nb["metadata"].get("kernelspec", {}).get("name")


def watch_saves(page):
    """Return a list that gathers every file write the page asks for (PUT or PATCH to /api/contents)."""
    saves = []

    def record(request):
        if request.method in ("PUT", "PATCH") and "/api/contents/" in request.url:
            saves.append(f"{request.method} {request.url}")

    page.on("request", record)
    return saves


def load(page, cells, kernel):
    """Wait until every cell is on the page and the notebook's kernel is idle (or JupyterLab asks for one)."""
    try:
        page.wait_for_function(LOADED, arg=[cells, kernel, IDLE], timeout=LOAD, polling=250)
    except PlaywrightTimeout:
        shown = page.locator(".jp-NotebookPanel .jp-Cell").count()
        name = page.locator(".jp-Toolbar-kernelName").all_inner_texts()
        pytest.fail(f"the page did not load: {shown} of {cells} cells, kernel {name}, expected {kernel!r}")


def accept_kernel_dialog(page, kernel):
    """Click Select if JupyterLab asks for a kernel, as a learner would, provided it offers the notebook's."""
    dialog = page.locator(".jp-Dialog")
    try:
        dialog.wait_for(timeout=1500)
    except PlaywrightTimeout:
        return  # no dialog: the notebook's kernel started by itself
    offered = dialog.locator("select").evaluate("s => s.options[s.selectedIndex].text")
    assert offered == kernel, f"JupyterLab offers the kernel {offered!r}, not the notebook's {kernel!r}"
    dialog.locator("button:has-text('Select')").click()
    page.wait_for_selector(IDLE, timeout=LOAD)


def menu(page, title, item):
    """Choose item from the menu bar's title menu, as a learner would."""
    page.click(f".lm-MenuBar-itemLabel:text-is('{title}')")
    page.click(f".lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel:text-is('{item}')")


def run_all(page, kernel):
    """Clear the stored outputs, then Run All Cells from the Run menu and wait until the kernel is done."""
    for _ in range(3):  # a Run All chosen while the kernel is still connecting can be dropped: choose again
        accept_kernel_dialog(page, kernel)
        menu(page, "Edit", "Clear Outputs of All Cells")
        menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(RUN_STARTED, timeout=30_000, polling=100)
            break
        except PlaywrightTimeout:
            continue
    else:
        pytest.fail("Run All Cells, chosen three times, never started a cell")
    page.wait_for_function(RUN_FINISHED, arg=[ERRORS, IDLE], timeout=RUN, polling=250)


def move_and_watch(page, explorer, handle):
    """Move one slider three steps with the keyboard; return (readout before, after, pictures changed)."""
    before = explorer.evaluate(PICTURES)
    value = handle.evaluate(READOUT)
    at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
    handle.focus()
    for _ in range(3):
        handle.press("ArrowLeft" if at_max else "ArrowRight")
    moved = handle.evaluate(READOUT)
    deadline = time.monotonic() + 60  # the kernel redraws; poll, since the new picture arrives by message
    while time.monotonic() < deadline:
        page.wait_for_selector(IDLE, timeout=RUN)
        after = explorer.evaluate(PICTURES)
        if after != before and "unreadable" not in after:
            return value, moved, True
        page.wait_for_timeout(250)
    return value, moved, False


def test_notebook_runs_in_jupyterlab(notebook, lab, page, screenshots):
    """Run All in JupyterLab: no errors, every widget drawn, every explorer's sliders redraw its figure."""
    cells, expected_widgets, kernel_name = stored(notebook)
    specs = lab.api("/api/kernelspecs")["kernelspecs"]
    assert kernel_name in specs, (
        f"{notebook.name} asks for kernel {kernel_name!r}; JupyterLab has {list(specs)}"
    )
    kernel = specs[kernel_name]["spec"]["display_name"]  # what JupyterLab's toolbar will show
    saves = watch_saves(page)
    shot = screenshots / f"{notebook.stem}.png"
    problems = []
    try:
        page.goto(lab.url(notebook))
        load(page, cells, kernel)
        run_all(page, kernel)

        for error in page.locator(ERRORS).all():
            problems.append(f"error output:\n{error.inner_text()[:2000]}")
        broken = page.get_by_text("Error displaying widget")
        if broken.count():
            problems.append(f"{broken.count()} x {broken.first.inner_text()!r}")
        # A widget whose JavaScript failed draws a red box instead ("Click to show javascript error.").
        failed = page.locator(".jupyter-widgets-error-widget")
        if failed.count():
            problems.append(f"{failed.count()} widget(s) drawn as 'Click to show javascript error.'")
        widgets = page.locator(TOP_WIDGETS)
        drawn = [
            w
            for w in widgets.all()
            if (w.bounding_box() or {"height": 0})["height"] > 0
            and not w.locator(".jupyter-widgets-error-widget").count()
        ]
        if len(drawn) != expected_widgets:
            problems.append(f"{len(drawn)} widgets drawn, the stored notebook shows {expected_widgets}")

        # An explorer is a widget with sliders and a picture. Only the sliders on show count: an explorer
        # may hide the ones of functions not chosen.
        sliders = ".noUi-handle:visible"
        explorers = [w for w in drawn if w.locator(sliders).count() and w.locator("img").count()]
        for number, explorer in enumerate(explorers, start=1):
            for handle in explorer.locator(sliders).all():
                label = handle.evaluate(LABEL)
                before, after, changed = move_and_watch(page, explorer, handle)
                if before == after:
                    problems.append(f"explorer {number}: {label} did not move with the arrow keys")
                elif not changed:
                    problems.append(
                        f"explorer {number}: moving {label} {before} -> {after} left the figure as is"
                    )
    finally:
        try:  # let the last redraw land, so the screenshot shows the figure the kernel drew last
            page.wait_for_selector(IDLE, timeout=30_000)
        except PlaywrightTimeout:
            pass
        page.screenshot(path=shot)
    assert not problems, f"{notebook.name} (screenshot: {shot}):\n" + "\n".join(problems)
    # autosave is off and nobody presses save: the run must leave the stored notebook as it was
    assert not saves, f"JupyterLab wrote files during the run: {saves}"


def test_notebooks_folder_exists(pytestconfig):
    """Fail, rather than pass with nothing run, when the notebooks folder is missing."""
    folder = pathlib.Path(pytestconfig.getoption("--notebooks"))
    assert folder.is_dir(), f"no folder {folder}: nothing to open"

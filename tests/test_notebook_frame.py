"""Every notebook keeps the course's frame, and was stored straight from `make notebooks`."""

import json
import pathlib
import re

import pytest

NOTEBOOKS = sorted(pathlib.Path(__file__).parent.parent.joinpath("notebooks").glob("[0-9][0-9]-*.ipynb"))
IGNORE_TAG = "nbval-ignore-output"  # a cell tag, so learners do not see a marker in the code
# Output that can't be stable: a live widget, or a time measured on a shared machine.
UNSTABLE = re.compile(r"widgets\.|timeit|perf_counter|cost_per_element|bench|sensitive to rounding")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def source(cell):
    return "".join(cell["source"])


def markdown(nb):
    return "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_the_course_has_its_notebooks():
    numbers = [p.name[:2] for p in NOTEBOOKS]
    assert numbers == [f"{i:02d}" for i in range(len(NOTEBOOKS))], f"gaps in the numbering: {numbers}"


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return request.param, load(request.param)


def test_opening(notebook):
    path, nb = notebook
    first = source(nb["cells"][0])
    assert nb["cells"][0]["cell_type"] == "markdown" and first.startswith("# "), "a title first"
    for line in ("What you'll learn", "What you need", "About"):
        assert line in first, f"{path.name}: the opening cell lacks {line!r}"
    assert re.search(r"About \d+ minutes", first), f"{path.name}: say about how many minutes it takes"


def test_one_setup_cell_first(notebook):
    path, nb = notebook
    setup = source(code_cells(nb)[0])
    assert "import" in setup and "rng = np.random.default_rng(0)" in setup, f"{path.name}: setup cell"
    later_imports = [source(c) for c in code_cells(nb)[1:] if re.search(r"^(import|from) ", source(c), re.M)]
    exercise_imports = [
        s for s in later_imports if re.search(r"^from actlearn\.exercises\.\w+ import \*", s, re.M)
    ]
    assert later_imports == exercise_imports, f"{path.name}: imports belong in the setup cell"


def test_check_yourself_summary_and_links(notebook):
    path, nb = notebook
    text = markdown(nb)
    assert "## Check yourself" in text, f"{path.name}: no 'Check yourself' section"
    assert "## Summary" in text, f"{path.name}: no 'Summary' section"
    summary = text.split("## Summary", 1)[1]
    bullets = re.findall(r"^[-*] ", summary.split("\n## ", 1)[0], re.M)
    assert 3 <= len(bullets) <= 5, f"{path.name}: the summary has {len(bullets)} bullets, not 3 to 5"
    index = NOTEBOOKS.index(path)
    neighbours = NOTEBOOKS[max(index - 1, 0) : index] + NOTEBOOKS[index + 1 : index + 2]
    for other in neighbours:
        assert f"({other.name})" in text, f"{path.name}: no link to {other.name}"


def test_stored_by_a_clean_top_to_bottom_run(notebook):
    path, nb = notebook
    assert nb["metadata"]["kernelspec"]["name"] == "python3", "nbval starts the kernel named here"
    counts = [c["execution_count"] for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: run it with `make notebooks`"
    for cell in code_cells(nb):
        assert source(cell).strip(), f"{path.name}: an empty code cell"
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{path.name}: an error output in\n{source(cell)}"
            assert out.get("name") != "stderr", f"{path.name}: stderr output (a warning?) in\n{source(cell)}"


def test_outputs_ignored_only_where_they_cannot_be_stable(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        assert "NBVAL_IGNORE_OUTPUT" not in source(cell), f"{path.name}: use the {IGNORE_TAG} cell tag"
        if IGNORE_TAG in cell.get("metadata", {}).get("tags", []):
            assert UNSTABLE.search(source(cell)), f"{path.name}: why is this output ignored?\n{source(cell)}"

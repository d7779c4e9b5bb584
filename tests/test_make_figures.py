"""`make figures`: every figure a notebook shows, redrawn as SVG and PDF for teachers' slides."""

import json
import pathlib
import sys
import xml.etree.ElementTree as ET

import pytest

ROOT = pathlib.Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "tools"))
pytest.importorskip("nbformat", reason="the test extra brings nbformat; `make check` does without it")

import make_figures  # noqa: E402


@pytest.mark.slow
def test_each_figure_a_notebook_shows_is_written_as_svg_and_pdf(tmp_path):
    notebook = ROOT / "notebooks" / "03-sigmoid.ipynb"
    written = make_figures.figures_of_notebook(notebook, tmp_path)
    # As many figures as the stored notebook shows pictures: cells whose outputs hold a PNG.
    cells = json.loads(notebook.read_text())["cells"]
    shown = sum(any("image/png" in out.get("data", {}) for out in cell.get("outputs", [])) for cell in cells)
    assert shown > 0 and len(written) == 2 * shown
    for path in written:
        assert path.parent == tmp_path / "03-sigmoid" and path.name.startswith("03-")
        if path.suffix == ".svg":
            assert ET.parse(path).getroot().tag.endswith("svg")
        else:
            assert path.read_bytes().startswith(b"%PDF")
    assert any("sigmoid" in path.name for path in written), "names come from the cells' comments"


def test_names_come_from_the_cells_first_comment():
    source = "# extra code: draw sigmoid (solid) and its derivative\nplotting.plot_activation('sigmoid')"
    assert make_figures.name_of(source, None, "cell-3") == "sigmoid-solid-and-its-derivative"
    assert make_figures.name_of("widgets.explorer()", None, "cell-7") == "cell-7"

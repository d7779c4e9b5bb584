"""Tests of `python -m actlearn`: the facts table and the cheat sheet files."""

import re
import subprocess
import sys

import pytest

from actlearn.activations import ACTIVATIONS


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "actlearn", *args], capture_output=True, text=True, cwd=cwd)


def test_list_prints_every_activation_with_its_facts():
    result = run("list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["name", "formula", "output"]
    rows = {line.split()[0]: line for line in lines[2 : 2 + len(ACTIVATIONS)]}
    assert list(rows) == list(ACTIVATIONS)
    # softmax is vector-valued: "never goes down" does not apply, and a note under the table says why
    assert rows["softmax"].split()[-2:] != ["yes"] and " n/a * " in rows["softmax"]
    assert " no " in rows["swish"].split("Ramachandran")[0]  # swish dips: not monotonic
    assert any(line.startswith("* softmax is vector-valued") for line in lines)
    assert "max(0, x)" in rows["relu"] and "[0, inf)" in rows["relu"] and "{0, 1}" in rows["relu"]
    assert "(-1, 1)" in rows["tanh"] and " yes " in rows["tanh"]  # tanh is zero-centred
    assert "Hendrycks & Gimpel" in rows["gelu"]


def test_import_actlearn_and_list_load_neither_matplotlib_nor_ipywidgets():
    code = (
        "import sys, actlearn, actlearn.experiments, actlearn.__main__ as m; m.table(); "
        "print(sorted({k.split('.')[0] for k in sys.modules} & {'matplotlib', 'ipywidgets'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]"


def test_cheatsheet_png_writes_the_article_page_and_the_beyond_page_beside_it(tmp_path):
    result = run("cheatsheet", "-o", "sheet.png", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["wrote", "sheet.png", "wrote", "sheet-beyond.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet-beyond.png", "sheet.png"]
    for name in ("sheet.png", "sheet-beyond.png"):
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and data.rstrip().endswith(b"IEND\xaeB`\x82")
        assert len(data) > 20_000  # panels, not an empty page


def pdf_pages(path):
    """Return the (width, height) in points of every page of a PDF, read from its MediaBox entries."""
    data = path.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", data)
    return [(round(float(x1) - float(x0)), round(float(y1) - float(y0))) for x0, y0, x1, y1 in boxes]


@pytest.mark.parametrize("paper, size", [(None, (595, 842)), ("a4", (595, 842)), ("letter", (612, 792))])
def test_cheatsheet_pdf_is_one_printable_page_of_the_paper_size(tmp_path, paper, size):
    result = run("cheatsheet", "-o", "sheet.pdf", *(["--paper", paper] if paper else []), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "sheet.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 20_000  # panels and the guide, not an empty page
    assert data.count(b"/Type /Page ") == 1 and data.count(b"/Type /Pages") == 1
    assert pdf_pages(tmp_path / "sheet.pdf") == [size]  # A4 is 210 x 297 mm, Letter 8.5 x 11 in
    assert result.stdout.split() == ["wrote", "sheet.pdf"]


def test_cheatsheet_pdf_of_the_panel_pages_holds_both_pages_in_one_file(tmp_path):
    assert run("cheatsheet", "-o", "sheet.pdf", "--page", "both", cwd=tmp_path).returncode == 0
    assert run("cheatsheet", "-o", "one.pdf", "--page", "all", cwd=tmp_path).returncode == 0
    pages = lambda name: (tmp_path / name).read_bytes().count(b"/Type /Page ")
    assert (pages("sheet.pdf"), pages("one.pdf")) == (2, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.pdf", "sheet.pdf"]


def test_cheatsheet_refuses_an_unknown_paper_in_one_line(tmp_path):
    result = run("cheatsheet", "-o", "sheet.pdf", "--paper", "a3", cwd=tmp_path)
    assert result.returncode == 2 and "a4" in result.stderr and "letter" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "sheet.pdf").exists()


def test_cheatsheet_refuses_other_formats_in_one_line(tmp_path):
    result = run("cheatsheet", "-o", "out.svg", cwd=tmp_path)
    assert result.returncode == 2
    assert "must end in .png or .pdf" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.svg").exists()


def test_no_command_is_a_usage_error():
    result = run()
    assert result.returncode == 2 and "usage: actlearn" in result.stderr


def test_audit_is_a_command_and_refuses_a_folder_that_is_no_course_in_one_line(tmp_path):
    assert "audit" in run("--help").stdout
    result = run("audit", str(tmp_path), "10-swish")
    assert result.returncode == 2 and "has no submitted/ folder" in result.stderr
    assert "Traceback" not in result.stderr

"""Where the course names a notebook by number, the number, the file and the title agree.

The notebooks are numbered in reading order, so inserting one renumbers the rest. These tests catch a
reference that did not move with it: `[12 Vanishing gradients](13-exploding-gradients.ipynb)`, a
"### 12 Softmax" heading in the teacher's guide, or "notebook 18" in a course of 18 notebooks (00-17).
"""

import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = {p.name[:2]: p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))}
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "docs" / "teaching.md"]

# [12 Vanishing gradients](12-vanishing-gradients.ipynb) or [12](../notebooks/12-vanishing-gradients.ipynb)
LINK = re.compile(r"\[(\d\d)(?: ([^\]]+))?\]\((?:[./\w-]*/)?(\d\d)-([\w-]+)\.ipynb\)")
# "notebook 12", "Notebook 12's", "notebooks 12 and 13", "notebooks 03 to 11"
MENTION = re.compile(r"\b[Nn]otebooks? (\d\d)(?:(?:,| and| to|-) ?(\d\d))?\b")
HEADING = re.compile(r"^#{2,4} (\d\d) (.+)$", re.M)


def markdown_of(path):
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def short_titles():
    """Return each notebook's short title from 00's map of the course: {"12": "Vanishing gradients", ...}."""
    text = markdown_of(NOTEBOOKS["00"])
    rows = re.findall(r"^\| (\d\d) \| \[([^\]]+)\]\((\d\d)-[\w-]+\.ipynb\) \|", text, re.M)
    assert rows, "00-start-here lost its map of the course (| NN | [Title](NN-slug.ipynb) | ... |)"
    return {number: title for number, title, _ in rows}


def norm(title):
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def same_title(a, b):
    """Say whether two titles name the same notebook ("Normalisation and residual connections" does)."""
    a, b = norm(a), norm(b)
    n = min(len(a), len(b), 12)
    return a[:n] == b[:n]


SOURCES = list(NOTEBOOKS.values()) + [p for p in DOCS if p.exists()]


def test_the_map_in_00_lists_every_notebook_under_its_own_number():
    titles = short_titles()
    assert sorted(titles) == sorted(NOTEBOOKS), (
        f"00's map lists {sorted(titles)}, the files {sorted(NOTEBOOKS)}"
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_links_to_notebooks_name_the_right_number_and_title(path):
    titles = short_titles()
    wrong = []
    for m in LINK.finditer(markdown_of(path)):
        number, title, target_number, slug = m.groups()
        target = f"{target_number}-{slug}.ipynb"
        if NOTEBOOKS.get(target_number, pathlib.Path()).name != target:
            wrong.append(f"{m.group(0)}: there is no notebooks/{target}")
        elif number != target_number:
            wrong.append(f"{m.group(0)}: the text says {number}, the file is {target_number}")
        elif title and not same_title(title, titles[number]):
            wrong.append(f"{m.group(0)}: notebook {number} is {titles[number]!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_notebook_named_by_number_exists(path):
    missing = []
    for m in MENTION.finditer(markdown_of(path)):
        for number in filter(None, m.groups()):
            if number not in NOTEBOOKS:
                missing.append(f"{m.group(0)!r}: there is no notebook {number}")
    assert not missing, "\n".join(missing)


def test_the_teachers_guide_heads_each_notebook_with_its_number_and_title():
    titles = short_titles()
    text = markdown_of(ROOT / "docs" / "teaching.md")
    headed = {number: title for number, title in HEADING.findall(text) if number in NOTEBOOKS}
    wrong = [
        f"### {n} {t}: notebook {n} is {titles.get(n, 'missing from 00 map')!r}"
        for n, t in headed.items()
        if not same_title(t, titles.get(n, ""))
    ]
    assert not wrong, "\n".join(wrong)
    assert sorted(headed) == sorted(NOTEBOOKS), f"the guide has sections for {sorted(headed)}"


def test_a_wrong_reference_is_caught(tmp_path):
    """The link test can fail: a link whose number and file disagree is reported."""
    wrong = "[12 Vanishing gradients](13-exploding-gradients.ipynb)"
    number, title, target_number, slug = LINK.search(wrong).groups()
    assert (number, target_number) == ("12", "13")
    assert MENTION.search("as notebooks 12 and 13 showed").groups() == ("12", "13")

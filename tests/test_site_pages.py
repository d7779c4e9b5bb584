"""tools/site_pages.py writes the site's front page from README.md and lists every notebook, in order."""

import json
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import site_pages  # noqa: E402  (tools/ is not a package)

REPOSITORY = "https://github.com/someone/actlearn"


def write_notebook(path, title):
    """Write a minimal notebook whose first cell is a Markdown title."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": [f"# {title}\n"]}]
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))


def test_front_page_is_the_readme_up_to_the_marker_with_its_links_fixed(tmp_path):
    readme = (
        "# Course\n\n![the sheet](docs/cheatsheet.png)\n"
        "Start with [the first](notebooks/00-start-here.ipynb); see [how to help](CONTRIBUTING.md),"
        " [Binder](https://mybinder.org/) and [a missing file](nowhere.md).\n"
        f"{site_pages.END_OF_FRONT_PAGE}\n## For maintainers\n"
    )
    page = site_pages.front_page(readme, REPOSITORY, tmp_path)
    assert "[the first](notebooks/00-start-here.ipynb)" in page  # MyST makes it a link to the page
    assert f"[how to help]({REPOSITORY}/blob/HEAD/CONTRIBUTING.md)" in page  # not a page of the site
    assert "[Binder](https://mybinder.org/)" in page and "[a missing file](nowhere.md)" in page
    assert "For maintainers" not in page
    sheet = "docs/cheatsheet.png"
    assert (tmp_path / sheet).read_bytes() == (ROOT / sheet).read_bytes(), "the site serves the image"


def test_front_page_needs_the_marker(tmp_path):
    with pytest.raises(SystemExit, match="front page ends"):
        site_pages.front_page("# Course\n", REPOSITORY, tmp_path)


def test_readme_has_the_marker_once():
    assert (ROOT / "README.md").read_text(encoding="utf-8").count(site_pages.END_OF_FRONT_PAGE) == 1


def test_table_of_contents_lists_every_notebook_in_file_name_order(tmp_path):
    write_notebook(tmp_path / "14-new-one.ipynb", "Add a chapter")
    write_notebook(tmp_path / "02-sigmoid.ipynb", "Tame the sigmoid")
    write_notebook(tmp_path / "scratch.ipynb", "Not part of the course")
    toc = site_pages.table_of_contents(site_pages.notebooks(tmp_path))
    entries = toc.split("\n\n")[1].splitlines()[:-1]
    assert entries == [
        "02 · Tame the sigmoid <notebooks/02-sigmoid>",
        "14 · Add a chapter <notebooks/14-new-one>",
    ]
    assert ":hidden:" in toc
    assert toc.split("```{toctree}")[2].splitlines()[-2] == "Teacher's guide <teaching>", (
        "after the notebooks"
    )


def test_teachers_guide_links_reach_notebook_pages_and_readme_sections_on_github(tmp_path):
    guide = (
        "See [03](../notebooks/03-sigmoid.ipynb), [the README](../README.md#teaching-with-it),"
        " [a section](#before-class) and [the sheet](cheatsheet.png).\n"
    )
    page = site_pages.fix_links(guide, site_pages.TEACHING, REPOSITORY, tmp_path)
    assert "[03](notebooks/03-sigmoid.ipynb)" in page  # the guide sits at the site's root
    assert f"[the README]({REPOSITORY}/blob/HEAD/README.md#teaching-with-it)" in page
    assert "[a section](#before-class)" in page
    assert "[the sheet](docs/cheatsheet.png)" in page and (tmp_path / "docs/cheatsheet.png").is_file()


def test_main_writes_the_teachers_guide_as_a_page(tmp_path):
    assert site_pages.main([str(tmp_path)]) == 0
    page = (tmp_path / "teaching.md").read_text(encoding="utf-8")
    assert page.startswith("# Teacher's guide")
    assert "](../" not in page, "every link from docs/ is fixed for a page at the site's root"
    assert "<teaching>" in (tmp_path / "index.md").read_text(encoding="utf-8")

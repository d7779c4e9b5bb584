"""Write the sources of the course's static site: a front page from README.md and the notebooks.

Usage: python tools/site_pages.py OUT     (`make site` runs it with OUT = build/site/src)

The front page is README.md up to its marker line, so the introduction and the notebook list are the
README's own. Its links to notebooks become links to their pages; its links to other files of the
repository point at them on GitHub. The table of contents lists notebooks/NN-*.ipynb in file-name
order, so a new notebook shows up by itself.
"""

import pathlib
import re
import shutil
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from readme_toc import NAME, describe

ROOT = pathlib.Path(__file__).resolve().parent.parent
END_OF_FRONT_PAGE = "<!-- site: the front page ends here (tools/site_pages.py) -->"
LINK = re.compile(r"\]\(([^)#\s]+)\)")  # a Markdown link or image target: ](path)


def notebooks(folder):
    """Return the course's notebooks in folder, in reading order."""
    return sorted(p for p in folder.glob("*.ipynb") if NAME.fullmatch(p.name))


def front_page(readme, repository, out):
    """Return the front page's Markdown: the README's opening, links fixed; copy the images it shows."""
    if readme.count(END_OF_FRONT_PAGE) != 1:
        raise SystemExit(f"README.md needs this line once, where the front page ends:\n{END_OF_FRONT_PAGE}")
    text = readme.split(END_OF_FRONT_PAGE)[0]

    def fix(match):
        target = match.group(1)
        if "://" in target or not (ROOT / target).is_file():
            return match.group(0)
        if target.startswith("notebooks/"):
            return match.group(0)  # MyST turns a link to a source file into a link to its page
        if target.endswith((".png", ".svg", ".jpg")):
            copy(ROOT / target, out / target)  # the site serves the image itself
            return match.group(0)
        return f"]({repository}/blob/HEAD/{target})"  # CONTRIBUTING.md, LICENSE: not pages of the site

    more = f"\nTo install the course, teach with it or grade it, see the [README]({repository}#readme).\n"
    return LINK.sub(fix, text).rstrip() + "\n" + more


def table_of_contents(paths):
    """Return the hidden toctree that puts every notebook in the sidebar, numbered, in reading order."""
    entries = [f"{path.name[:2]} · {describe(path)[0]} <notebooks/{path.stem}>" for path in paths]
    return "\n```{toctree}\n:hidden:\n:caption: The notebooks\n\n" + "\n".join(entries) + "\n```\n"


def copy(source, target):
    """Copy a file unless an identical one is there already."""
    if not target.exists() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def main(argv):
    """Write OUT/index.md and OUT/notebooks/*.ipynb, removing notebooks that are gone."""
    if len(argv) != 1:
        raise SystemExit(__doc__)
    out = pathlib.Path(argv[0])
    repository = tomllib.loads((ROOT / "docs" / "site" / "launch.toml").read_text())["repository"]
    paths = notebooks(ROOT / "notebooks")
    for stale in set((out / "notebooks").glob("*.ipynb")) - {out / "notebooks" / p.name for p in paths}:
        stale.unlink()
    for path in paths:
        copy(path, out / "notebooks" / path.name)
    page = front_page((ROOT / "README.md").read_text(encoding="utf-8"), repository, out)
    index = out / "index.md"
    text = page + table_of_contents(paths)
    if not index.exists() or index.read_text(encoding="utf-8") != text:
        index.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Write the sources of the course's static site: a front page from README.md and the notebooks.

Usage: python tools/site_pages.py OUT     (`make site` runs it with OUT = build/site/src)

The front page is README.md up to its marker line, so the introduction and the notebook list are the
README's own. Its links to notebooks become links to their pages; its links to other files of the
repository point at them on GitHub. The table of contents lists notebooks/NN-*.ipynb in file-name
order, so a new notebook shows up by itself, then the teacher's guide, docs/teaching.md, as the page
"teaching" ("For teachers"), its links fixed the same way.
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
LINK = re.compile(
    r"\]\(([^)#\s]+)(#[^)\s]*)?\)"
)  # a Markdown link or image target: ](path) or ](path#anchor)
TEACHING = "docs/teaching.md"


def notebooks(folder):
    """Return the course's notebooks in folder, in reading order."""
    return sorted(p for p in folder.glob("*.ipynb") if NAME.fullmatch(p.name))


def fix_links(text, source, repository, out):
    """Return Markdown written at ROOT/source with its links made right for a page at the site's root.

    Links to notebooks become links to their pages, images are copied to the site, and links to any
    other file of the repository point at it on GitHub (README.md, CONTRIBUTING.md, LICENSE).
    """
    folder = (ROOT / source).parent

    def fix(match):
        target, anchor = match.group(1), match.group(2) or ""
        path = (folder / target).resolve()
        if "://" in target or not path.is_file() or not path.is_relative_to(ROOT):
            return match.group(0)
        target = path.relative_to(ROOT).as_posix()
        if target.startswith("notebooks/"):
            return f"]({target}{anchor})"  # MyST turns a link to a source file into a link to its page
        if target.endswith((".png", ".svg", ".jpg")):
            copy(ROOT / target, out / target)  # the site serves the image itself
            return f"]({target})"
        return f"]({repository}/blob/HEAD/{target}{anchor})"  # not pages of the site

    return LINK.sub(fix, text)


def front_page(readme, repository, out):
    """Return the front page's Markdown: the README's opening, links fixed; copy the images it shows."""
    if readme.count(END_OF_FRONT_PAGE) != 1:
        raise SystemExit(f"README.md needs this line once, where the front page ends:\n{END_OF_FRONT_PAGE}")
    text = readme.split(END_OF_FRONT_PAGE)[0]
    more = f"\nTo install the course, teach with it or grade it, see the [README]({repository}#readme).\n"
    return fix_links(text, "README.md", repository, out).rstrip() + "\n" + more


def table_of_contents(paths):
    """Return the hidden toctree that puts every notebook in the sidebar, numbered, in reading order."""
    entries = [f"{path.name[:2]} · {describe(path)[0]} <notebooks/{path.stem}>" for path in paths]
    notebooks = "\n```{toctree}\n:hidden:\n:caption: The notebooks\n\n" + "\n".join(entries) + "\n```\n"
    return notebooks + "\n```{toctree}\n:hidden:\n:caption: For teachers\n\nTeacher's guide <teaching>\n```\n"


def copy(source, target):
    """Copy a file unless an identical one is there already."""
    if not target.exists() or target.read_bytes() != source.read_bytes():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def main(argv):
    """Write OUT/index.md, OUT/teaching.md and OUT/notebooks/*.ipynb, removing notebooks that are gone."""
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
    guide = fix_links((ROOT / TEACHING).read_text(encoding="utf-8"), TEACHING, repository, out)
    for target, text in ((out / "index.md", page + table_of_contents(paths)), (out / "teaching.md", guide)):
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

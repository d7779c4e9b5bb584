"""Give every figure of a notebook page alt text: the caption its cell's opening comment writes.

A plot cell starts with a comment that says what it draws ("# extra code: draw ReLU and its
derivative"), which is what a reader who cannot see the picture needs. A cell without one gets its
section's title and the helper that drew it; a widget's stored picture also says it is only a picture.
"""

import re

from docutils import nodes

SKIP = ("NBVAL_", "noqa", "fmt:")  # markers for the tests, not words for a reader
HELPER = re.compile(r"\b(plotting|widgets)\.(\w+)")


def caption(source, section=""):
    """Return the alt text for the figures of a code cell with this source, under this section title."""
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    for line in lines:
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if text and not text.startswith(SKIP):
            text = text.removeprefix("extra code:").strip().removeprefix("draw ").strip()
            return text[:1].upper() + text[1:]
    where = f"{section}: " if section else ""
    helper = HELPER.search(source)
    if helper and helper.group(1) == "widgets":
        return f"{where}the stored picture of {helper.group(0)}; launch the notebook to move its sliders"
    return f"{where}a figure drawn by {helper.group(0) if helper else 'this cell'}"


def section_title(node):
    """Return the title of the section that holds node, or ''."""
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    titles = [child for child in node.children if isinstance(child, nodes.title)] if node else []
    return titles[0].astext() if titles else ""


def add_alt_text(app, doctree):
    """Set alt on each image in a notebook code cell's output that has none."""
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code":
            continue
        source = [box for box in cell.findall(nodes.container) if box.get("nb_element") == "cell_code_source"]
        text = caption(source[0].astext() if source else "", section_title(cell))
        for image in cell.findall(nodes.image):
            image.setdefault("alt", text)


def setup(app):
    app.connect("doctree-read", add_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

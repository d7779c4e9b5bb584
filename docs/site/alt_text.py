"""Give every figure of a notebook page alt text: the caption its cell's opening comment writes.

A plot cell starts with a comment that says what it draws ("# extra code: draw ReLU and its
derivative"), which is what a reader who cannot see the picture needs. A cell without one (a widget)
gets its first line of code, and a widget's stored picture says that it is only a picture.
"""

from docutils import nodes

# Markers for the tests, not words for a reader.
SKIP = ("NBVAL_", "noqa", "fmt:")
WIDGET = "widgets."


def caption(source):
    """Return the alt text for the figures of a code cell with this source."""
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    for line in lines:
        if not line.startswith("#"):
            break
        text = line.lstrip("#").strip()
        if text and not text.startswith(SKIP):
            text = text.removeprefix("extra code:").strip().removeprefix("draw ").strip()
            return text[:1].upper() + text[1:]
    code = next((line for line in lines if not line.startswith("#")), "")
    if WIDGET in code:
        return f"The stored picture of the explorer {code}: launch the notebook to move its sliders"
    return f"Figure drawn by {code}"


def add_alt_text(app, doctree):
    """Set alt on each image in a notebook code cell's output that has none."""
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code":
            continue
        source = [box for box in cell.findall(nodes.container) if box.get("nb_element") == "cell_code_source"]
        text = caption(source[0].astext()) if source else "Figure"
        for image in cell.findall(nodes.image):
            image.setdefault("alt", text)


def setup(app):
    app.connect("doctree-read", add_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

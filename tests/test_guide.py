"""The printable cheat sheet's decision guide says only what notebook 14's "A decision guide" says."""

import json
import pathlib
import re

import pytest

from actlearn.guide import ALWAYS, DECISION_GUIDE

NOTEBOOK = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / "14-choosing-an-activation.ipynb"
ADVICE = [(heading, advice) for heading, items in DECISION_GUIDE.items() for advice in items]
# Words that only join others; every other word of a situation or a choice must be the notebook's own.
GLUE = {"a", "an", "the", "of", "or", "and", "with", "any", "if", "in", "to", "s"}


def guide_section():
    """Return the Markdown of notebook 14 from "## A decision guide" to the next "## " heading."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    start = text.index("## A decision guide")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def words(text):
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("-", " "))) - GLUE


def test_the_section_is_found_and_holds_the_three_headings():
    section = guide_section()
    assert all(f"**{heading}**" in section for heading in DECISION_GUIDE)
    assert "## Check yourself" not in section


@pytest.mark.parametrize("heading, advice", ADVICE, ids=[a.choice for _, a in ADVICE])
def test_every_situation_and_choice_is_in_notebook_14s_guide(heading, advice):
    section = words(guide_section())
    missing = (words(advice.situation) | words(advice.choice)) - section
    assert not missing, f"{advice.choice}: notebook 14's decision guide never says {sorted(missing)}"


@pytest.mark.parametrize("heading, advice", ADVICE, ids=[a.choice for _, a in ADVICE])
def test_every_recommended_activation_is_named_in_notebook_14s_guide(heading, advice):
    section = guide_section().lower()
    names = [name.strip() for name in re.split(r",| or | with ", advice.choice) if name.strip()]
    for name in names:
        assert name.lower().removesuffix(" (swish)") in section, name


def test_the_last_word_is_the_notebooks_too():
    assert words(ALWAYS) <= words(guide_section())


def test_the_checks_catch_a_line_the_notebook_never_says():
    assert words("Maxout in recurrent networks") - words(guide_section()) == {"maxout", "recurrent"}

"""Sphinx configuration of the course's static site (`make site` builds it into build/site/html).

tools/site_pages.py first writes the sources into build/site/src: a front page made from README.md,
a copy of every notebook and the teacher's guide (docs/teaching.md). The site is built from the
notebooks' stored outputs and requests nothing from any other host: MathJax is served from _static,
widget managers are never loaded.
"""

import os
import pathlib
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # alt_text.py, the local extension beside this file
LAUNCH = tomllib.loads((HERE / "launch.toml").read_text())

project = "actlearn"
author = "the actlearn authors"
copyright = "the actlearn authors, MIT licence"
html_title = "actlearn: activation functions, hands on"
language = "en"
extensions = ["myst_nb", "sphinx.ext.githubpages", "alt_text"]  # githubpages: a .nojekyll file

# The notebooks are stored with their outputs; CI checks them. Rendering never runs a kernel.
nb_execution_mode = "off"
myst_enable_extensions = ["dollarmath", "amsmath"]  # without them $...$ stays plain text
myst_heading_anchors = 3  # the teacher's guide links to its own sections: [00](#00-start-here)
# A widget has no kernel on a static page: drop its view so the PNG stored beside it shows instead,
# and never load require.js or a widget manager from a CDN.
nb_mime_priority_overrides = [("*", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}

# MathJax 3 from the npm registry, copied into _static by the Makefile (Sphinx's default is a CDN).
mathjax_path = "mathjax/tex-mml-chtml.js"

html_theme = "sphinx_book_theme"
html_static_path = ["_static", "../../build/mathjax"]  # the Makefile puts MathJax in build/mathjax/mathjax
html_css_files = ["course.css"]
html_favicon = "_static/favicon.svg"  # else the browser asks for /favicon.ico and logs a 404
html_context = {"default_mode": "auto"}  # else pydata-sphinx-theme logs a console error on a fresh page
html_theme_options = {
    "repository_url": LAUNCH["repository"],
    "repository_branch": LAUNCH["branch"],
    "path_to_docs": "",  # the sources mirror the repository: notebooks/NN-slug.ipynb
    "use_repository_button": True,
    "use_download_button": True,  # the notebook itself, as stored
    "launch_buttons": {
        "notebook_interface": "jupyterlab",
        "binderhub_url": LAUNCH["binderhub"],
        "jupyterhub_url": os.environ.get("ACTLEARN_JUPYTERHUB", LAUNCH["jupyterhub"]),
    },
}

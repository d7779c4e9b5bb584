"""The course's nbgrader feedback page: maths typeset offline, each test cell named by its question.

nbgrader's own feedback template (formgrader/templates/feedback/index.html.j2) loads MathJax 2 from a CDN
through nbconvert's mathjax() macro and lists every test cell as "Test cell". install(course_dir) writes a
template that extends it and changes two things: its mathjax.html.j2 shadows nbconvert's macro (the
template's own folder is searched first) and loads MathJax 3 from the course directory; its summary names
each test cell by its question, "swish.function (q2)", from the question objects. It returns the lines
that nbgrader_config.py needs; tools/make_assignments.py adds them.

MathJax comes from build/mathjax/mathjax, which the Makefile fetches for the site, and goes to
COURSE_DIR/mathjax. A page in feedback/<student>/<assignment>/ loads ../../../mathjax/, and so does the
copy a learner fetches into <assignment>/feedback/<timestamp>/ (three folders deep too): the learner's
page typesets offline when the hub puts the same mathjax folder in the folder learners fetch from, and
shows the TeX source otherwise (give mathjax_url= to serve it from elsewhere).
"""

import json
import pathlib
import shutil

ROOT = pathlib.Path(__file__).resolve().parent.parent
MATHJAX = ROOT / "build" / "mathjax" / "mathjax"  # `make site` (or its MathJax target) fetches it
TEMPLATE = "actlearn-feedback"
MATHJAX_URL = "../../../mathjax/tex-mml-chtml.js"  # from feedback/<student>/<assignment>/<notebook>.html

INDEX = """\
{%- extends 'feedback/index.html.j2' -%}
{#- nbgrader's feedback page, with each test cell named by its question (tools/nbgrader_feedback.py) -#}

{% block body %}
{%- set labels = LABELS -%}
<body>
  <a name="top"></a>
  <div class="container">
    <div class="panel panel-default">
      <div class="panel-heading">
        <h4>{{ resources.nbgrader.notebook }} (Score: {{ resources.nbgrader.score | float | round(2) }} / \
{{ resources.nbgrader.max_score | float | round(2) }})</h4>
        <div id="toc">
          <ol>
          {% for cell in nb.cells %}
            {% if cell.metadata.nbgrader and (cell.metadata.nbgrader.grade or cell.metadata.nbgrader.task) %}
            {%- set grade_id = cell.metadata.nbgrader.grade_id -%}
            {%- set question = labels.get(grade_id.rsplit('-', 1)[0], grade_id) -%}
            {%- set kind = "" if not cell.metadata.nbgrader.solution else " (written answer)" \
if cell.cell_type == "markdown" else " (code answer)" -%}
            <li><a href="#{{ grade_id }}">{{ question }}{{ kind }}</a> (Score: \
{{ cell.metadata.nbgrader.score | float | round(2) }} / \
{{ cell.metadata.nbgrader.points | float | round(2) }})</li>
            {% endif %}
            {% if cell.metadata.nbgrader and cell.metadata.nbgrader.comment %}
            <li><a href="#comment-{{ cell.metadata.nbgrader.grade_id }}">Comment</a></li>
            {% endif %}
          {% endfor %}
          {% if resources.nbgrader.late_penalty > 0 %}
            <li class="late-penalty">Late submission penalty (Score: \
-{{ resources.nbgrader.late_penalty | float | round(2) }})</li>
          {% endif %}
          </ol>
        </div>
      </div>
      <div class="panel-body">
        <div id="notebook" class="border-box-sizing">
          <div class="container" id="notebook-container">
            {{ super.super() }}  {#- the notebook itself: nbgrader's page under its own summary #}
          </div>
        </div>
      </div>
    </div>
  </div>
</body>
{%- endblock body %}
"""

MATHJAX_MACRO = """\
{#- Shadows nbconvert's mathjax macro: MathJax 3 from the course directory (tools/nbgrader_feedback.py) -#}
{%- macro mathjax(url=None) -%}
    <script>
    window.MathJax = {
        tex: {inlineMath: [["$", "$"], ["\\\\(", "\\\\)"]], displayMath: [["$$", "$$"], ["\\\\[", "\\\\]"]],
              processEscapes: true, processEnvironments: true, tags: "ams"},
        chtml: {displayAlign: "center"}
    };
    </script>
    <script defer src="URL"></script>
{%- endmacro %}
"""

CONFIG = """\
# The feedback page: each test cell named by its question, MathJax from the course directory
# (written by tools/nbgrader_feedback.py). Scoped to GenerateFeedback, so formgrader keeps its own template.
import os as _os, nbgrader as _nbgrader  # noqa: E401, E402
_formgrader = _os.path.join(_os.path.dirname(_nbgrader.__file__), "server_extensions", "formgrader")
_here = _os.path.dirname(_os.path.abspath(__file__))  # noqa: F821 (the config loader defines it)
c.GenerateFeedback.HTMLExporter.template_name = "{template}"
c.GenerateFeedback.HTMLExporter.extra_template_basedirs = [
    _os.path.join(_here, "nbgrader_templates"), _os.path.join(_formgrader, "templates")
]
c.GenerateFeedback.HTMLExporter.extra_template_paths = [
    _os.path.join(_formgrader, "templates"),  # so the course's template can extend nbgrader's feedback page
    _os.path.join(_formgrader, "static", "node_modules", "bootstrap", "dist", "css"),  # the page's styles
]"""


def question_labels():
    """Return {grade id stem: label}, like "swish-function": "swish.function (q2)", for every question."""
    from actlearn.exercises import all_questions

    return {q.id.replace(".", "-"): f"{q.id} ({q.name})" for q in all_questions().values()}


def install(course_dir, mathjax=MATHJAX, mathjax_url=MATHJAX_URL):
    """Write the feedback template and a copy of MathJax into course_dir; return the nbgrader config lines.

    mathjax is the folder holding MathJax 3's tex-mml-chtml.js and its parts (None: copy nothing, when
    mathjax_url points somewhere that serves it already).
    """
    course = pathlib.Path(course_dir)
    if mathjax is not None:
        mathjax = pathlib.Path(mathjax)
        if not (mathjax / "tex-mml-chtml.js").is_file():
            raise FileNotFoundError(
                f"no MathJax in {mathjax}: run `make build/mathjax/mathjax/tex-mml-chtml.js` (needs npm), "
                "or pass mathjax=None and a mathjax_url that serves MathJax 3"
            )
        shutil.copytree(mathjax, course / "mathjax", dirs_exist_ok=True)
    folder = course / "nbgrader_templates" / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    conf = {"base_template": "feedback", "mimetypes": {"text/html": True}}
    (folder / "conf.json").write_text(json.dumps(conf, indent=2) + "\n")
    labels = json.dumps(question_labels(), indent=1, sort_keys=True)
    (folder / "index.html.j2").write_text(INDEX.replace("LABELS", labels))
    (folder / "mathjax.html.j2").write_text(MATHJAX_MACRO.replace("URL", mathjax_url))
    return CONFIG.format(template=TEMPLATE)

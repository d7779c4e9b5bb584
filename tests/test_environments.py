"""pyproject.toml, environment.yml, binder/ and the Makefile agree, and Binder would build what CI tests."""

import importlib.metadata
import importlib.util
import os
import pathlib
import re
import subprocess
import sys
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.environment
yaml = pytest.importorskip("yaml", reason="the test extra brings pyyaml; `make check` leaves this layer out")

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
BINDER_PYTHON = "3.11"
FLOOR = PYPROJECT["project"]["requires-python"].removeprefix(">=").split()[0]  # the oldest Python we claim


def requirements(lines):
    """Return {canonical name: Requirement} for requirement strings, skipping actlearn's own extras."""
    found = {}
    for line in lines:
        requirement = Requirement(line)
        if requirement.name != "actlearn":
            found[canonicalize_name(requirement.name)] = requirement
    return found


def runtime():
    """Return the packages a learner's notebook needs: the dependencies and the `lab` extra."""
    project = PYPROJECT["project"]
    return requirements(project["dependencies"] + project["optional-dependencies"]["lab"])


def extra(name):
    """Return the packages an extra adds of its own (not through actlearn[...])."""
    return requirements(PYPROJECT["project"]["optional-dependencies"][name])


def installed_by(name):
    """Return every package `pip install actlearn[name]` brings of pyproject's, through actlearn[...] too."""
    found = requirements(PYPROJECT["project"]["dependencies"])
    for line in PYPROJECT["project"]["optional-dependencies"][name]:
        requirement = Requirement(line)
        if requirement.name == "actlearn":
            for inner in requirement.extras:
                found |= installed_by(inner)
        else:
            found[canonicalize_name(requirement.name)] = requirement
    return found


def environment(path):
    """Return (conda specs {name: spec text}, pip lines) of an environment.yml."""
    conda, pip = {}, []
    for entry in yaml.safe_load(path.read_text())["dependencies"]:
        if isinstance(entry, dict):
            pip += entry["pip"]
        else:
            name, spec = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*(.*)", entry).groups()
            conda[canonicalize_name(name)] = spec
    return conda, pip


def pins(requirements_found):
    """Return {name: version} for requirements pinned with ==, failing on any that are not."""
    found = {}
    for name, requirement in requirements_found.items():
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{name} is not pinned exactly: {requirement}"
        found[name] = specifier.version
    return found


def constraints():
    """Return the requirements of binder/constraints.txt (the versions `make` installs)."""
    lines = (ROOT / "binder" / "constraints.txt").read_text().splitlines()
    return requirements(line for line in lines if line.strip() and not line.startswith("#"))


def test_conda_environment_names_every_package_with_pyprojects_range():
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    expected = requirements(project["dependencies"] + extras["lab"] + extras["check"] + extras["test"])
    conda, pip = environment(ROOT / "environment.yml")
    python = SpecifierSet(conda.pop("python"))
    conda.pop("pip")
    assert sorted(conda) == sorted(expected)
    for name, spec in conda.items():
        assert SpecifierSet(spec) == expected[name].specifier, f"environment.yml: {name}{spec}"
    assert python == SpecifierSet(project["requires-python"])
    assert "-e ." in pip, "environment.yml should install actlearn from the checkout"


def test_binder_pins_exactly_the_runtime_packages_within_pyprojects_ranges():
    conda, pip = environment(ROOT / "binder" / "environment.yml")
    assert conda.pop("python") == f"={BINDER_PYTHON}"
    assert sorted(conda) == ["pip"], "binder: the packages come from pip, so Binder gets CI's wheels"
    binder = pins(requirements(pip))
    expected = runtime()
    assert sorted(binder) == sorted(expected)
    for name, version in binder.items():
        assert version in expected[name].specifier, (
            f"binder pins {name}=={version}, pyproject: {expected[name]}"
        )


def only_in(*extras):
    """Return the requirements that these extras add to what a learner's notebook needs."""
    lines = [line for extra in extras for line in PYPROJECT["project"]["optional-dependencies"][extra]]
    return {name: requirement for name, requirement in requirements(lines).items() if name not in runtime()}


def test_constraints_file_pins_what_binder_pins_the_test_tools_and_the_teachers_and_maintainers_tools():
    binder = pins(requirements(environment(ROOT / "binder" / "environment.yml")[1]))
    pinned = pins(constraints())
    assert {name: pinned[name] for name in binder if name in pinned} == binder
    tools = {name: version for name, version in pinned.items() if name not in binder}
    expected = extra("check") | extra("lint") | extra("test") | extra("dev") | only_in("teach", "site")
    learners_do_without = {name: r for name, r in only_in("teach", "site", "lint").items() if name != "ruff"}
    assert {"nbgrader", "sphinx", "myst-nb", "sphinx-book-theme"} <= set(learners_do_without)
    assert not set(learners_do_without) & set(binder), "teachers' and maintainers' tools stay off Binder"
    conda = environment(ROOT / "environment.yml")[0]
    assert not set(learners_do_without) & set(conda), "and out of the conda environment"
    assert sorted(tools) == sorted(expected), "pin every test, teaching and site tool, nothing else"
    for name, version in tools.items():
        assert version in expected[name].specifier, (
            f"constraints pin {name}=={version}, pyproject: {expected[name]}"
        )


def test_constraints_apply_on_every_python_we_claim_and_pyproject_allows_binders():
    for name, requirement in constraints().items():
        assert requirement.marker is None, f"{name} is pinned only where {requirement.marker}"
    assert BINDER_PYTHON + ".0" in SpecifierSet(PYPROJECT["project"]["requires-python"])


def test_the_python_floor_is_the_one_ci_tests_and_every_page_says_it():
    assert re.fullmatch(r">=3\.\d+", PYPROJECT["project"]["requires-python"]), "a floor, and nothing else"
    major, minor = FLOOR.split(".")
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert re.search(rf"python:{FLOOR}-|python-version: \"{FLOOR}\"", ci), (
        "CI must run the oldest Python we claim"
    )
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{major}{minor}"
    makefile = (ROOT / "Makefile").read_text()
    assert f"sys.version_info >= ({major}, {minor})" in makefile
    assert f"actlearn needs Python {FLOOR} or newer" in makefile
    for page in ("README.md", "CONTRIBUTING.md"):
        claims = set(re.findall(r"Python (3\.\d+) or newer", (ROOT / page).read_text()))
        assert claims == {FLOOR}, f"{page} claims Python {claims}"
    assert SpecifierSet(environment(ROOT / "environment.yml")[0]["python"]) == SpecifierSet(f">={FLOOR}")


def test_pinned_widget_front_end_is_the_one_pinned_ipywidgets_asks_for():
    # "Error displaying widget: model not found" is what a drift between these two looks like.
    pinned = pins(constraints())
    if importlib.metadata.version("ipywidgets") != pinned["ipywidgets"]:
        pytest.skip("this environment's ipywidgets is not the pinned one; make test installs it")
    asks = requirements(
        r.split(";")[0] for r in importlib.metadata.requires("ipywidgets") if "extra" not in r
    )
    assert pinned["jupyterlab-widgets"] in asks["jupyterlab-widgets"].specifier


@pytest.mark.skipif(
    pathlib.Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(), reason="only in the .venv `make` builds"
)
def test_make_installed_the_pinned_versions():
    pinned = pins(constraints())
    # `make test` installs all but the dev extra (playwright; `make test-browser` adds it) and the site extra
    # (`make site` adds it).
    later = set(extra("dev")) | set(only_in("site")) | set(extra("lint"))
    needed = [name for name in pinned if name not in later] + [
        name for name in later if importlib.util.find_spec(name.replace("-", "_")) is not None
    ]
    installed = {name: importlib.metadata.version(name) for name in needed}
    assert installed == {name: pinned[name] for name in needed}, "run `make test` again"


def test_every_makefile_install_uses_the_pins():
    installs = [line for line in (ROOT / "Makefile").read_text().splitlines() if "pip install" in line]
    project_installs = [line for line in installs if "-e " in line]
    assert len(project_installs) == 6, project_installs  # the lab, check, test, dev, teach and site stamps
    for line in project_installs:
        assert "$(PIN)" in line, line
    assert "PIN := -c binder/constraints.txt" in (ROOT / "Makefile").read_text()
    # `make lint` installs the lint extra's packages by name, without actlearn: the same names, pinned.
    (lint,) = [line for line in installs if "-e " not in line and "--upgrade pip" not in line]
    named = lint.split("--quiet")[1].split("$(PIN)")[0].split()
    assert sorted(named) == sorted(extra("lint")) and "$(PIN)" in lint, lint


def test_make_check_needs_no_jupyterlab_nbgrader_or_notebooks_and_skips_only_the_slow_layers():
    check = installed_by("check")
    assert not {"jupyterlab", "nbgrader", "nbval", "nbconvert", "ipykernel", "playwright"} & set(check)
    assert {"pytest", "hypothesis", "ruff"} <= set(check)
    markers = [line.split(":")[0] for line in PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]]
    unit = re.search(r"^UNIT := (.*)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    assert sorted(unit.split(" and ")) == sorted(f"not {marker}" for marker in markers), (
        "a new marker names a slow layer: leave it out of `make check` or say why not"
    )


def test_postbuild_stops_on_errors_and_installs_actlearn():
    post_build = ROOT / "binder" / "postBuild"
    lines = post_build.read_text().splitlines()
    assert lines[0].startswith("#!"), "postBuild needs a shebang line"
    assert any(re.match(r"set -e", line) for line in lines), "postBuild needs set -e"
    assert any(re.search(r"pip install .*-e \.$", line) for line in lines)
    assert os.access(post_build, os.X_OK), "postBuild must be executable"


@pytest.fixture(scope="module")
def repo2docker():
    """Return the repo2docker command, installed once in its own venv (never in actlearn's dependencies)."""
    tool = ROOT / ".venv" / "repo2docker"
    command = tool / "bin" / "repo2docker"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(tool)], check=True)
        pip = [str(tool / "bin" / "python"), "-m", "pip", "install", "--quiet", "jupyter-repo2docker"]
        subprocess.run(pip, check=True)
    return command


def test_repo2docker_builds_from_binder_folder(repo2docker):
    result = subprocess.run(
        [str(repo2docker), "--no-build", "--no-run", "--debug", "."],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    dockerfile = result.stdout
    assert "COPY --chown=0:0 src/binder/environment.yml" in dockerfile
    assert '--file "binder/environment.yml"' in dockerfile
    assert "RUN ./binder/postBuild" in dockerfile
    assert 'R2D_ENTRYPOINT="${REPO_DIR}/binder/start"' in dockerfile, "binder/start sets one BLAS thread"
    assert "src/environment.yml" not in dockerfile, "Binder must ignore the root environment.yml"
    assert f"python={BINDER_PYTHON}" in result.stderr


@pytest.mark.parametrize(
    "python, message",
    [
        ("/nonexistent", f"actlearn needs Python {FLOOR} or newer as '/nonexistent'"),
        ("python3", "'python3 -m venv' failed: install venv support"),
    ],
)
def test_make_lab_says_in_one_line_what_python_is_missing(tmp_path, python, message):
    # A `venv` module that cannot be imported stands in for a Python built without venv support.
    (tmp_path / "venv").mkdir()
    (tmp_path / "venv" / "__init__.py").write_text("raise ImportError('no venv here')\n")
    venv = tmp_path / "fresh" / ".venv"
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "lab", f"PYTHON={python}", f"VENV={venv}"],
        capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(tmp_path)),
    )  # fmt: skip
    said = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode != 0
    assert len(said) == 1 and message in said[0], said
    assert not venv.exists(), "a failed venv must not be left half-made"


def test_make_help_lists_every_target_with_what_it_does():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY: (.*)$", makefile, re.M).group(1).split()
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "help"], capture_output=True, text=True
    )
    described = dict(re.findall(r"^  make (\S+) +(\S.*)$", result.stdout, re.M))
    assert sorted(described) == sorted(phony)
    for target in phony:
        assert described[target] in makefile, target


@pytest.mark.parametrize("target", ["check", "test", "lab", "test-cpus", "notebooks", "bench", "lint"])
def test_make_dry_run_creates_nothing(tmp_path, target):
    venv = tmp_path / ".venv"
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "-n", target, f"VENV={venv}"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"-m venv {venv}" in result.stdout, "the dry run should still say how it would make the venv"
    assert not venv.exists(), f"`make -n {target}` made {venv}"


def test_citation_and_changelog_name_the_packages_version():
    import actlearn

    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == actlearn.__version__, "bump CITATION.cff's version with __version__"
    released = f"## [{actlearn.__version__}] - {citation['date-released']}"
    assert released in (ROOT / "CHANGELOG.md").read_text().splitlines(), f"CHANGELOG.md needs {released!r}"
    assert citation["license"] == "MIT" and (ROOT / "LICENSE").read_text().startswith("MIT License")

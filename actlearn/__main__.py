"""The command line: `python -m actlearn list` prints the facts table; `... cheatsheet -o FILE` draws them;
`... audit COURSE_DIR ASSIGNMENT [--csv FILE]` flags submitted answer cells that tamper with grading."""

import argparse
import pathlib
import sys

from actlearn.activations import ACTIVATIONS

FORMATS = (".png", ".pdf")


def table():
    """Return the activations and their facts as a fixed-width text table, one row an activation."""
    yes = {True: "yes", False: "no"}
    header = ("name", "formula", "output range", "f' range", "zero-centred", "monotonic", "smooth", "source")
    rows = [
        (
            act.name,
            act.plain_formula,
            str(act.output_range),
            str(act.derivative_range) + ("" if act.elementwise else " *"),
            yes[act.zero_centred],
            # "never goes down" does not apply: a vector output rises with x_i and falls with the others
            yes[act.monotonic] if act.elementwise else "n/a *",
            yes[act.smooth],
            act.source,
        )
        for act in ACTIVATIONS.values()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    line = lambda row: "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
    rule = "  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1])
    notes = [
        f"* {act.name} is vector-valued: its f' range is that of its Jacobian's entries, and monotonic does "
        f"not apply (output i rises with x_i and falls as any other x_j rises)"
        for act in ACTIVATIONS.values()
        if not act.elementwise
    ]
    return "\n".join([line(header), rule, *map(line, rows), *([""] + notes if notes else [])])


PAGES = ("both", "article", "beyond", "all", "print")
PAPERS = ("a4", "letter")


def write_cheatsheet(path, page=None, paper="a4"):
    """Write the cheat sheet to path (.png or .pdf); return the files written.

    page="print" (the default for a PDF) draws one printable page of the paper size ("a4" or "letter"):
    every activation small, with notebook 14's decision guide beside them. page="both" (the default
    for a PNG) draws two pages: the article's activations, then the ones beyond it. A PDF holds both
    pages; a PNG is one page, so the second goes beside it, "-beyond" added to its name. "article",
    "beyond" or "all" (every activation on one tall page) writes that one page to path.
    """
    path = pathlib.Path(path)
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"cannot write {path.name!r}: the output must end in .png or .pdf")
    page = page or ("print" if path.suffix.lower() == ".pdf" else "both")
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}; valid pages are: {', '.join(PAGES)}")
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; valid papers are: {', '.join(PAPERS)}")
    from matplotlib.backends.backend_pdf import PdfPages  # only here, so `list` never loads matplotlib

    from actlearn import plotting

    if page == "print":
        # the figure is the page, so never crop it; no creation date, so a rebuild gives the same file
        stamp = {"CreationDate": None} if path.suffix.lower() == ".pdf" else {}
        plotting.plot_printable_cheatsheet(paper=paper).savefig(path, metadata=stamp)
        return [path]
    pages = ("article", "beyond") if page == "both" else (page,)
    if path.suffix.lower() == ".pdf":
        with PdfPages(path) as pdf:
            for name in pages:
                pdf.savefig(plotting.plot_cheatsheet(page=name))
        return [path]
    paths = [path] + [path.with_name(f"{path.stem}-{name}{path.suffix}") for name in pages[1:]]
    for name, target in zip(pages, paths, strict=True):
        plotting.plot_cheatsheet(page=name).savefig(target)
    return paths


def run_audit(parser, args):
    """Print the audit of an assignment's submissions as a table (and write the CSV); return 0."""
    from actlearn import audit  # only here, so `list` stays light

    try:
        rows, count = audit.audit(args.course_dir, args.assignment)
        if args.csv:
            audit.write_csv(rows, args.csv)
    except (ValueError, OSError) as error:
        parser.error(str(error))
    course = pathlib.Path(args.course_dir)
    if not any((course / kind / args.assignment).is_dir() for kind in ("release", "source")):
        print(
            f"note: no release/{args.assignment} or source/{args.assignment} in {course} to tell the course's"
            " own cells from the learners': every cell outside the answer and test cells was read",
            file=sys.stderr,
        )
    if rows:
        print(audit.table(rows) + "\n")
        for rule in dict.fromkeys(row.rule for row in rows):
            print(f"{rule}: {audit.RULES[rule]}")
    students = len({row.student for row in rows})
    plural = lambda n, word: f"{n} {word}{'s' * (n != 1)}"
    print(
        f"{plural(len(rows), 'flag')} on {plural(students, 'student')} in {plural(count, 'notebook')} "
        "submitted; a flag asks a person to look: it is not a verdict"
    )
    return 0


def main(argv=None):
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="actlearn", description="Activation functions: facts and figures.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="print every activation and its facts as a table")
    sheet = commands.add_parser(
        "cheatsheet", help="draw every activation: a printable page (PDF) or two (PNG)"
    )
    sheet.add_argument("-o", "--output", default="cheatsheet.png", help="file to write, .png or .pdf")
    sheet.add_argument(
        "--page",
        choices=PAGES,
        default=None,
        help="print (default for a PDF): one printable page, every activation and notebook 14's "
        "decision guide; both (default for a PNG): the article's activations, then those beyond it (a "
        "second PNG, named FILE-beyond.png, or a second PDF page); article, beyond or all: that one page",
    )
    sheet.add_argument(
        "--paper", choices=PAPERS, default="a4", help="paper of the print page: a4 (default) or letter"
    )
    audit = commands.add_parser(
        "audit", help="flag submitted answer cells of an nbgrader assignment that tamper with grading"
    )
    audit.add_argument("course_dir", help="the nbgrader course directory (it holds submitted/)")
    audit.add_argument("assignment", help="the assignment's name, like 10-swish")
    audit.add_argument("--csv", help="also write the flagged cells to this CSV file")
    args = parser.parse_args(argv)
    if args.command == "list":
        print(table())
        return 0
    if args.command == "audit":
        return run_audit(parser, args)
    try:
        paths = write_cheatsheet(args.output, args.page, args.paper)
    except (ValueError, OSError) as error:
        parser.error(str(error))  # one line and exit status 2, no traceback
    for path in paths:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

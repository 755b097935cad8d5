"""The ``kozh`` command line: a thin layer over the library.

Each command parses its arguments, calls one library function, formats the result and returns an
exit code. Library errors (:class:`~glossary.errors.KozhError`) become one line on stderr and exit 2.
"""

from __future__ import annotations

import enum
import json
import sqlite3
import sys

import click

from .lint.config import resolve_db
from .errors import KozhError
from .store import KINDS, STATUSES, Glossary


class ExitCode(enum.IntEnum):
    """What ``kozh`` returns."""

    CLEAN = 0
    FINDINGS = 1
    BAD_INPUT = 2


class KozhGroup(click.Group):
    """Turns library errors into one line on stderr and exit code 2, never a traceback."""

    def main(self, *args, **kwargs):
        kwargs.pop("standalone_mode", None)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Abort:
            click.echo("kozh: aborted", err=True)
            sys.exit(130)
        except click.ClickException as exc:  # usage errors: one line, not click's four
            _fail(exc.format_message().replace("\n", " "))
        except BrokenPipeError:  # `kozh terms list | head`
            sys.stderr.close()
            sys.exit(0)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KozhError as exc:
            _fail(str(exc))
        except sqlite3.DatabaseError as exc:
            _fail(f"glossary error: {exc}")
        except UnicodeError as exc:
            _fail(f"cannot decode input: {exc}")
        except OSError as exc:
            _fail(f"{exc.strerror or exc}: {exc.filename}" if exc.filename else str(exc))


def _fail(message: str) -> None:
    click.echo(f"kozh: error: {message}", err=True)
    sys.exit(ExitCode.BAD_INPUT)


def open_glossary(ctx: click.Context, *, create: bool = True) -> Glossary:
    """The glossary chosen by ``--db``/``$KOZH_DB``/``kozh.toml``, closed when the command ends."""
    path = resolve_db(ctx.find_root().params.get("db"))
    glossary = Glossary.open(path, create=create)
    ctx.call_on_close(glossary.close)
    return glossary


def _json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


@click.group(cls=KozhGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kozh", prog_name="kozh")
@click.option("--db", metavar="PATH", help="Glossary file (default: $KOZH_DB, kozh.toml's db, ./glossary.db).")
def cli(db: str | None) -> None:
    """kozh: a Korean–Chinese glossary and translation-assist tool.

    Example: kozh init && kozh terms add 창저우 常州 --kind place
    """


@cli.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the glossary (or bring an older one up to date).

    Example: kozh --db team.db init
    """
    glossary = open_glossary(ctx)
    click.echo(f"glossary {glossary.path}: schema {glossary.schema_version}, {glossary.count('entries')} entries")


@cli.group()
def terms() -> None:
    """Add, list, search and review glossary terms."""


@terms.command("add")
@click.argument("korean")
@click.argument("chinese")
@click.option("--kind", type=click.Choice(KINDS), help="What the entry names.")
@click.option("--status", type=click.Choice(STATUSES), default="preferred", show_default=True)
@click.option("--lang", type=click.Choice(["ko", "en", "abbr"]), default="ko", show_default=True)
@click.pass_context
def terms_add(ctx, korean: str, chinese: str, kind: str | None, status: str, lang: str) -> None:
    """Add KOREAN as a rendering of CHINESE.

    Example: kozh terms add 저우마오화 周茂华 --kind person
    """
    glossary = open_glossary(ctx)
    term, created = glossary.add_term(korean, chinese, lang=lang, status=status, kind=kind)
    entry = glossary.entry_by_id(term.entry_id)
    click.echo(f"{'added' if created else 'exists'}: {term.text} = {entry.zh} [{term.status}]")


@terms.command("list")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--status", type=click.Choice(STATUSES))
@click.option("--limit", type=click.IntRange(min=1), help="Show at most this many entries.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry.")
@click.pass_context
def terms_list(ctx, kind, status, limit, as_json) -> None:
    """List entries with their renderings.

    Example: kozh terms list --kind place
    """
    glossary = open_glossary(ctx)
    entries = glossary.entries(kind=kind, status=status, limit=limit)
    for entry in entries:
        click.echo(_entry_line(glossary, entry, as_json))
    if not as_json:
        total = glossary.count("entries")
        click.echo(f"{len(entries)} of {total} entries", err=True)


@terms.command("search")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry.")
@click.pass_context
def terms_search(ctx, query: str, as_json: bool) -> None:
    """Find entries by Korean, Chinese (simplified or traditional) or pinyin.

    Example: kozh terms search changzhou
    """
    glossary = open_glossary(ctx)
    for entry in glossary.search(query):
        click.echo(_entry_line(glossary, entry, as_json))


@terms.command("show")
@click.argument("chinese")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def terms_show(ctx, chinese: str, as_json: bool) -> None:
    """Show one entry: renderings, statuses and where each was seen.

    Example: kozh terms show 工业和信息化部
    """
    from .errors import NotFound

    glossary = open_glossary(ctx)
    entry = glossary.entry(chinese)
    if entry is None:
        raise NotFound(f"no entry for {chinese}")
    if as_json:
        click.echo(_json(_entry_dict(glossary, entry, sightings=True)))
        return
    click.echo(f"{entry.zh}  {entry.zh_hant or ''}  {entry.pinyin or ''}  ({entry.kind or 'kind unknown'})")
    for field in ("era", "house_spelling", "note"):
        if getattr(entry, field):
            click.echo(f"  {field}: {getattr(entry, field)}")
    for term in glossary.terms_of(entry.id):
        click.echo(f"  {term.lang}  {term.text}  [{term.status}]  seen {term.frequency}×")
        for s in glossary.sightings_of(term.id, limit=5):
            click.echo(f"      {s.path}:{s.line}:{s.column}  {s.context or ''}")


@terms.command("drift")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per group.")
@click.pass_context
def terms_drift(ctx, as_json: bool) -> None:
    """List glossary renderings that spell one name two transliteration-equivalent ways.

    Example: kozh terms drift
    """
    from dataclasses import asdict

    from .lint.glossary_drift import glossary_drift

    glossary = open_glossary(ctx, create=False)
    for group in glossary_drift(glossary):
        if as_json:
            click.echo(_json(asdict(group)))
            continue
        click.echo(group.pinyin)
        for r in group.renderings:
            click.echo(f"  {r.text}\t{r.zh}\t[{r.status}]\t{'standard' if r.standard else 'not standard'}\tseen {r.frequency}×")
            for s in glossary.sightings_of(r.term_id, limit=3):
                click.echo(f"      {s.path}:{s.line}:{s.column}  {s.context or ''}")


@terms.command("set-status")
@click.argument("term")
@click.argument("status", type=click.Choice(STATUSES))
@click.option("--zh", help="The entry's Chinese, when TERM renders several entries.")
@click.pass_context
def terms_set_status(ctx, term: str, status: str, zh: str | None) -> None:
    """Mark TERM preferred, admitted, deprecated or candidate.

    Example: kozh terms set-status 산업정보화부 deprecated
    """
    glossary = open_glossary(ctx, create=False)
    found = glossary.set_status(glossary.resolve_term(term, zh).id, status)
    click.echo(f"{found.text}: {found.status}")


@terms.command("set")
@click.argument("chinese")
@click.option("--kind", type=click.Choice(KINDS))
@click.option("--era", type=click.Choice(["modern", "historic"]), help="Historic referents take Sino-Korean readings.")
@click.option("--customary/--no-customary", default=None, help="Accept a customary Sino-Korean form (상해 for 上海).")
@click.option("--house-spelling", metavar="KOREAN", help="An accepted house spelling; silences kozh/nonstandard.")
@click.option("--note")
@click.pass_context
def terms_set(ctx, chinese: str, **values) -> None:
    """Set attributes of the entry CHINESE.

    Example: kozh terms set 孔子 --era historic
    """
    values = {k: v for k, v in values.items() if v is not None}
    if "customary" in values:
        values["customary"] = int(values["customary"])
    if not values:
        raise click.UsageError("nothing to set: give --kind, --era, --customary, --house-spelling or --note")
    entry = open_glossary(ctx, create=False).update_entry(chinese, **values)
    click.echo(f"{entry.zh}: " + ", ".join(f"{k}={getattr(entry, k)}" for k in values))


@cli.command()
@click.pass_context
def undo(ctx) -> None:
    """Revert the last change to the glossary (the reversal is kept in its history).

    Example: kozh undo
    """
    glossary = open_glossary(ctx, create=False)
    undone = glossary.undo()
    if undone is None:
        click.echo("nothing to undo")
    else:
        click.echo(f"undone: {undone.command} ({undone.changes} changes, {undone.at})")


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.pass_context
def history(ctx, limit: int) -> None:
    """List the latest changes to the glossary, newest first.

    Example: kozh history --limit 5
    """
    glossary = open_glossary(ctx, create=False)
    for cs in glossary.history(limit):
        click.echo(f"#{cs.id}  {cs.at}  {cs.changes:>4} changes  {cs.command}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--dry-run", is_flag=True, help="Report the pairs; write nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def extract(ctx, paths: tuple[str, ...], dry_run: bool, fmt: str) -> None:
    """Find Korean(Chinese) term pairs in issues and add them to the glossary as candidates.

    PATHS are .md, .txt or .html files or folders of them.

    Example: kozh extract data/issues/
    """
    from .extract.ingest import extract_into
    from .progress import file_progress
    from .sources.document import iter_source_files

    from .translit.base import base_glossary
    from .lint.config import load_config

    glossary = None if dry_run else open_glossary(ctx)
    base = base_glossary() if load_config().base else None
    disagreements: dict[tuple[str, str], str] = {}

    def on_pair(pair) -> None:
        standard = base.disagreement(pair.term, pair.zh) if base is not None else None
        if standard is not None:
            disagreements[(pair.zh, pair.term)] = standard
        if fmt == "json":
            click.echo(_json({**pair.to_dict(), **({"base": standard} if standard else {})}))

    files = list(iter_source_files(paths))  # walked once, for the bar and the extraction
    with file_progress(len(files), enabled=fmt == "text") as on_file:
        summary = extract_into(glossary, files, on_pair=on_pair, on_file=on_file)
    for report in summary.skipped:
        click.echo(f"kozh: warning: skipped {report.skipped}", err=True)
    out = sys.stdout if fmt == "text" else sys.stderr
    click.echo(
        f"{len(summary.files) - len(summary.skipped)} files, {summary.total('pairs')} pairs, "
        f"{summary.total('new_entries')} new entries, {summary.total('new_terms')} new renderings, "
        f"{len(summary.conflicts)} conflicts" + (" (dry run)" if dry_run else ""),
        file=out,
    )
    for zh, texts in summary.conflicts.items():
        click.echo(f"  conflict {zh}: {', '.join(texts)}", file=out)
    for (zh, term), standard in sorted(disagreements.items()):
        click.echo(f"  base {zh}: {standard} (extracted {term})", file=out)


def _inputs(values: tuple[str, ...]) -> list[str]:
    """Arguments, or the lines of standard input when the only argument is ``-``."""
    if values == ("-",):
        return [line.rstrip("\r\n") for line in sys.stdin if line.strip()]
    return list(values)


@cli.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input.")
def translit(texts: tuple[str, ...], as_json: bool) -> None:
    """Pinyin, standard Hangul and Sino-Korean reading of Chinese text or pinyin.

    TEXTS are hanzi or pinyin; `-` reads one per line from standard input.

    Example: kozh translit 周茂华 "Bei3 jing1"
    """
    from .translit.hanzi import translit as transliterate

    for text in _inputs(texts):
        result = transliterate(text)
        if as_json:
            click.echo(_json(result))
            continue
        line = f"{result['input']}\t{result['pinyin']}\t{result['hangul']}"
        if result["alternatives"]:
            line += f"\t(also {', '.join(result['alternatives'])})"
        if result["sino_korean"]:
            line += f"\t한자음 {result['sino_korean']}"
        click.echo(line)


@cli.command()
@click.argument("korean")
@click.argument("chinese", required=False)
@click.option("--era", type=click.Choice(["modern", "historic"]), help="Referent's era (historic: Sino-Korean).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per pair.")
def judge(korean: str, chinese: str | None, era: str | None, as_json: bool) -> None:
    """Judge whether KOREAN is a standard rendering of CHINESE.

    `kozh judge -` reads KOREAN<TAB>CHINESE pairs, one per line, from standard input.

    Example: kozh judge 조우마오화 周茂华
    """
    from .errors import BadInput
    from .translit.judge import judge as judge_pair

    if korean == "-" and chinese is None:
        pairs = []
        for number, line in enumerate(_inputs(("-",)), 1):
            if "\t" not in line:
                raise BadInput(f"line {number}: expected KOREAN<TAB>CHINESE")
            pairs.append(tuple(line.split("\t", 1)))
    elif chinese is None:
        raise BadInput("give KOREAN and CHINESE, or - to read pairs from standard input")
    else:
        pairs = [(korean, chinese)]
    for ko, zh in pairs:
        result = judge_pair(ko.strip(), zh.strip(), era=era)
        if as_json:
            click.echo(_json(result.to_dict()))
            continue
        parts = " + ".join(f"{p.korean}={p.label}" + (f"→{p.standard}" if p.label in ("near", "misread") else "") for p in result.parts)
        suggestion = f" → {result.suggestion}" if result.suggestion and result.suggestion != ko else ""
        click.echo(f"{ko}\t{zh}\t{result.verdict}{suggestion}\t{parts}")


def _entry_dict(glossary: Glossary, entry, *, sightings: bool = False) -> dict:
    terms = []
    for t in glossary.terms_of(entry.id):
        item = {"text": t.text, "lang": t.lang, "status": t.status, "frequency": t.frequency}
        if sightings:
            item["sightings"] = [
                {"path": s.path, "line": s.line, "column": s.column, "context": s.context}
                for s in glossary.sightings_of(t.id)
            ]
        terms.append(item)
    return {
        "zh": entry.zh, "zh_hant": entry.zh_hant, "pinyin": entry.pinyin, "kind": entry.kind,
        "era": entry.era, "house_spelling": entry.house_spelling, "note": entry.note, "terms": terms,
    }


def _entry_line(glossary: Glossary, entry, as_json: bool) -> str:
    if as_json:
        return _json(_entry_dict(glossary, entry))
    renderings = ", ".join(
        f"{t.text}" + ("" if t.status == "preferred" else f" ({t.status})") for t in glossary.terms_of(entry.id)
    )
    return f"{entry.zh}\t{entry.kind or '-'}\t{renderings}"


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "tsv", "tbx", "tbx2", "json"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: standard output).")
@click.option("--status", multiple=True, type=click.Choice(STATUSES), help="Only terms of this status (repeatable).")
@click.option("--kind", multiple=True, type=click.Choice(KINDS), help="Only entries of this kind (repeatable).")
@click.pass_context
def export(ctx, fmt: str, output: str | None, status: tuple[str, ...], kind: tuple[str, ...]) -> None:
    """Write the glossary as CSV, OmegaT TSV, TBX (v3 or v2) or JSON.

    Example: kozh export --format tbx2 -o glossary.tbx --status preferred
    """
    from .interchange.interop import export_glossary

    data = export_glossary(open_glossary(ctx, create=False), fmt, status=status, kind=kind)
    if output:
        with open(output, "wb") as f:
            f.write(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # bytes as exported: the CSV's BOM and CRLF untouched
        sys.stdout.buffer.flush()


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["csv", "tsv", "tbx", "tbx2", "json"]), help="Default: from the suffix or content.")
@click.pass_context
def import_(ctx, file: str, fmt: str | None) -> None:
    """Merge a glossary file into the glossary, all or nothing; conflicts keep the glossary's value.

    Example: kozh import team.csv
    """
    from .interchange.interop import import_glossary
    from .progress import row_progress

    with row_progress(f"importing {click.format_filename(file, shorten=True)}") as on_progress:
        report = import_glossary(open_glossary(ctx), file, fmt, on_progress=on_progress)
    for conflict in report.conflicts:
        click.echo(f"{file}, {conflict}", err=True)
    click.echo(report.summary())


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only unless --public).")
@click.option("--public", is_flag=True, help="Allow a non-loopback --host (arbitrary SQL is then turned off).")
@click.pass_context
def serve(ctx, port: int, host: str, public: bool) -> int:
    """Publish the glossary read-only with Datasette, with full-text search on terms.

    Example: kozh serve --port 8001   (then open http://127.0.0.1:8001)
    """
    from .interchange import serve as serving

    glossary = open_glossary(ctx, create=False)  # creates nothing, and checks it is a glossary
    command = serving.datasette_command(glossary.path, host=host, port=port, public=public)
    click.echo(f"serving {glossary.path} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    return serving.run(command)


@cli.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.pass_context
def backup(ctx, path: str, force: bool) -> None:
    """Copy the glossary to PATH with SQLite's online backup (safe while others write).

    Example: kozh backup backups/glossary-2024-06-01.db
    """
    from .interchange.interop import backup_glossary

    target = backup_glossary(open_glossary(ctx, create=False), path, force=force)
    click.echo(f"backed up to {target}")


@cli.command()
@click.argument("drafts", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "none"]), default="warning", show_default=True,
              help="Exit 1 when a finding reaches this severity.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place.")
@click.option("--diff", is_flag=True, help="Show the safe fixes as a unified diff; write nothing.")
@click.option("--source", type=click.Path(dir_okay=False), help="The Chinese source text (enables kozh/missing-term).")
@click.pass_context
def lint(ctx, drafts: tuple[str, ...], fmt: str, fail_on: str, fix: bool, diff: bool, source: str | None) -> int:
    """Check drafts (files, folders, or - for standard input) against the glossary.

    Example: kozh lint --fail-on error --format github drafts/
    """
    from pathlib import Path

    from .lint.fixes import unified_diff
    from .lint.report import FORMATTERS
    from .lint.engine import fails, fix_in_place, lint_paths, planned_fixes

    if fix and diff:
        raise click.UsageError("use --fix or --diff, not both")
    first = next((Path(d) for d in drafts if d != "-"), None)
    glossary = Glossary.open(resolve_db(ctx.find_root().params.get("db"), first), create=False)
    ctx.call_on_close(glossary.close)
    result = lint_paths(drafts, glossary, source=source)
    if diff:
        for path, (before, after, _) in planned_fixes(result).items():
            click.echo(unified_diff(path, before, after), nl=False)
        return ExitCode.FINDINGS if fails(result.findings, fail_on) else ExitCode.CLEAN
    if fix:
        applied = fix_in_place(result)
        result = lint_paths([d for d in drafts if d != "-"], glossary, source=source)
        click.echo(f"applied {applied} fix{'es' if applied != 1 else ''}", err=True)
    color = fmt == "text" and sys.stdout.isatty()
    kwargs = {"color": color, "files": len(result.documents)} if fmt == "text" else {}
    click.echo(FORMATTERS[fmt](result.findings, **kwargs), nl=False)
    return ExitCode.FINDINGS if fails(result.findings, fail_on) else ExitCode.CLEAN


@cli.command("rules")
def rules_() -> None:
    """List the lint rules, their default severity and what each checks.

    Example: kozh rules
    """
    from .lint.rules import RULES, summary

    for code, rule in RULES.items():
        click.echo(f"{code:<20} {str(rule.default_severity):<8} {summary(rule)}")


@cli.command("tui")
@click.argument("draft", required=False, type=click.Path(dir_okay=False))
@click.pass_context
def tui_(ctx, draft: str | None) -> int:
    """Open the translator's terminal UI (on DRAFT when given).

    Example: kozh tui drafts/issue-319.md
    """
    from .sources.document import read_document
    from .store import Glossary

    path = resolve_db(ctx.find_root().params.get("db"))
    Glossary.open(path).close()  # a bad glossary or draft is a one-line error, not a broken screen
    if draft is not None:
        read_document(draft)
    from tui.app import run  # imported here only: the library never loads the UI

    return run(path, draft)


@cli.command("lsp")
@click.pass_context
def lsp_(ctx) -> None:
    """Run the language server over standard input and output, for editors (see docs/editors.md).

    Diagnostics, quick fixes and hover for Markdown and plain-text drafts. Each draft's glossary
    is found as for `kozh lint`: --db, $KOZH_DB, the draft's kozh.toml, ./glossary.db.

    Example: kozh --db team-glossary.db lsp
    """
    from .lsp import serve

    serve(ctx.find_root().params.get("db"))


def main() -> None:
    """Entry point of the ``kozh`` console script."""
    cli(prog_name="kozh")

"""The commands that check the graph: kg validate (against the SHACL shapes), kg eval (against gold facts)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli import cli
from kg.cli.options import format_option, workspace_option
from kg.cli.output import Output
from kg.cli.stores import reading, union
from kg.errors import GovkgError


@cli.command()
@format_option
@workspace_option
def validate(workspace: Path, store: str, output_format: str):
    """Check the graph against the package's SHACL shapes (kg/ontology/shapes.ttl); exits 1 when anything
    breaks a shape."""
    from kg.validate import validate_store

    with reading(workspace, store) as store_opened:
        violations = validate_store(store_opened)
    output = Output(output_format)
    if not violations and output_format == "table":
        output.note("the graph conforms to the shapes: 0 violations")
        return
    output.rows(
        f"{len(violations)} violations of the shapes",
        ["node", "property", "message"],
        ((v.focus, v.path, v.message) for v in violations),
    )
    if violations:
        sys.exit(1)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--errors",
    is_flag=True,
    help="Also list, per fact type, the gold facts missed and the facts found "
    "that the gold does not hold, each with its file.",
)
@format_option
@workspace_option
def evaluate_command(workspace: Path, store: str, gold: Path, output_format: str, errors: bool):
    """Precision, recall and F1 per fact type of the workspace against GOLD (a gold JSON file).

    Each row counts facts of one type over every file of the gold: `gold` the facts the gold holds,
    `predicted` those the graph holds for the same files, `matched` those in both."""
    from kg.evaluate import error_sentences, evaluate

    try:
        gold_data = json.loads(gold.read_text(encoding="utf-8"))
        gold_data["documents"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise GovkgError(f"{gold} is not a gold file ({error})") from None
    graph = union(workspace, store)
    result = evaluate(graph, gold_data)
    sentences = error_sentences(graph, result["scores"]) if errors else None
    output = Output(output_format)
    if output_format == "json":
        output.document(_eval_document(result, sentences))
        return
    output.tables(_eval_tables(gold, result, sentences))
    output.note(
        f"project amounts right: {result['amounts'][0]}/{result['amounts'][1]}; "
        f"meeting dates right: {result['meeting_dates'][0]}/{result['meeting_dates'][1]}; "
        f"appointment effects right: {result['appointment_effects'][0]}/{result['appointment_effects'][1]}; "
        f"reception dates right: {result['reception_dates'][0]}/{result['reception_dates'][1]}; "
        f"people merged: {result['people_merged']}, split: {result['people_split']}"
    )


def _eval_tables(gold: Path, result: dict, sentences: dict | None) -> list[tuple[str, list[str], list[tuple]]]:
    """The scores as a table, and with --errors one table of misses (-) and false facts (+) per fact type."""
    scores = result["scores"]
    tables = [
        (
            f"kg eval {gold.name}: facts per file as docs/eval.md counts them "
            "(a person is a name on a page, a post a person, title and body)",
            ["type", "gold", "predicted", "matched", "P", "R", "F1"],
            [
                (fact_type, s.gold, s.predicted, s.matched, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
                for fact_type, s in scores.items()
            ],
        )
    ]
    for fact_type, s in scores.items() if sentences is not None else ():
        if s.missed or s.false:
            rows = [
                (sign, file_name, fact, sentences.get((file_name, fact), ""))
                for sign, facts in (("-", s.missed), ("+", s.false))
                for file_name, fact in facts
            ]
            tables.append(
                (
                    f"{fact_type}: {len(s.missed)} missed (-), {len(s.false)} false (+)",
                    ["", "file", "fact", "the sentence that names it"],
                    rows,
                )
            )
    return tables


def _eval_document(result: dict, sentences: dict | None) -> dict:
    """The scores as JSON, and with --errors each fact missed and false with its file and sentence."""
    scores = result["scores"]
    document = {
        "scores": {
            t: {
                "gold": s.gold,
                "predicted": s.predicted,
                "matched": s.matched,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for t, s in scores.items()
        },
        "amounts": result["amounts"],
        "meeting_dates": result["meeting_dates"],
        "appointment_effects": result["appointment_effects"],
        "reception_dates": result["reception_dates"],
        "people_merged": result["people_merged"],
        "people_split": result["people_split"],
    }
    if sentences is not None:
        document["errors"] = {
            t: {
                kind: [{"file": f, "fact": fact, "sentence": sentences.get((f, fact), "")} for f, fact in facts]
                for kind, facts in (("missed", s.missed), ("false", s.false))
            }
            for t, s in scores.items()
        }
    return document

"""Person names and organisations on the MSRA NER test split: govkg's recognisers beside jieba's `nr` and
`nt` tags.

    .venv/bin/python benchmarks/msra_persons.py [--split PATH] [--json PATH]

The split (news text, persons tagged NR, organisations NT) is evaluation data read from
../shared/eval/msra/; nothing of it is copied into the project. A predicted
name counts when its span equals a gold span exactly. Each sentence is
read on its own, as jieba reads it, with no memory of the sentences before.
govkg's organisations are the public bodies its agency finder names (kg.extract.agencies); MSRA's NT holds
companies, schools and foreign bodies too, which govkg does not look for.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import jieba
import jieba.posseg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.agencies import AgencyFinder  # noqa: E402
from kg.nlp import build_nlp, mentions, tokens  # noqa: E402

DEFAULT_SPLIT = ROOT.parent / "shared" / "eval" / "msra" / "test.spans.jsonl"


def read_split(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_spans(sentences: list[dict], kind: str) -> set[tuple[str, int, int]]:
    return {(s["id"], e["start"], e["end"]) for s in sentences for e in s["entities"] if e["type"] == kind}


def jieba_tagged(sentences: list[dict], tag_wanted: str) -> set[tuple[str, int, int]]:
    """Spans of the words jieba's part-of-speech tagger tags `tag_wanted` (nr, nt)."""
    jieba.setLogLevel(60)
    found = set()
    for sentence in sentences:
        offset = 0
        for word, tag in jieba.posseg.cut(sentence["text"]):
            if tag == tag_wanted:
                found.add((sentence["id"], offset, offset + len(word)))
            offset += len(word)
    return found


def govkg_organisations(sentences: list[dict]) -> set[tuple[str, int, int]]:
    """Spans of the public bodies govkg's agency finder names in each sentence."""
    nlp = build_nlp()
    find = AgencyFinder(nlp.tokenizer.lexicon)
    found = set()
    for sentence, doc in zip(sentences, nlp.pipe(s["text"] for s in sentences)):
        for name, end in find(sentence["text"], tokens.boundaries(doc)):
            found.add((sentence["id"], end - len(name), end))
    return found


def govkg_persons(sentences: list[dict]) -> set[tuple[str, int, int]]:
    """Spans of every person the govkg pipeline names: title chains, bylines, speakers and bare names."""
    nlp = build_nlp()
    found = set()
    for sentence, doc in zip(sentences, nlp.pipe(s["text"] for s in sentences)):
        for chain in mentions(doc, "POST_CHAIN"):
            found.add((sentence["id"], chain.attrs["name_start"], chain.attrs["name_end"]))
        for person in mentions(doc, "PERSON") + mentions(doc, "BYLINE"):
            found.add((sentence["id"], person.start, person.end))
    return found


def score(gold: set, predicted: set) -> dict:
    matched = len(gold & predicted)
    precision = matched / len(predicted) if predicted else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": matched,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT, help="the MSRA test split as spans JSONL")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args()
    sentences = read_split(args.split)
    report = {"split": str(args.split), "sentences": len(sentences), "systems": {}, "organisations": {}}
    kinds = (
        ("systems", "NR", "person names", (("jieba nr", lambda s: jieba_tagged(s, "nr")), ("govkg", govkg_persons))),
        (
            "organisations",
            "NT",
            "organisations",
            (("jieba nt", lambda s: jieba_tagged(s, "nt")), ("govkg", govkg_organisations)),
        ),
    )
    for key, kind, label, systems in kinds:
        gold = gold_spans(sentences, kind)
        for name, recognise in systems:
            started = time.perf_counter()
            predicted = recognise(sentences)
            report[key][name] = score(gold, predicted) | {"seconds": round(time.perf_counter() - started, 2)}
        print(f"MSRA test split, {len(sentences)} sentences, {len(gold)} {label}\n")
        print(f"{'system':<10} {'pred':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6} {'seconds':>8}")
        for name, row in report[key].items():
            print(
                f"{name:<10} {row['predicted']:>6} {row['matched']:>6} {row['precision']:>6.3f} "
                f"{row['recall']:>6.3f} {row['f1']:>6.3f} {row['seconds']:>8.2f}"
            )
        baseline, ours = report[key].values()
        print(f"\ngovkg - {systems[0][0]}: {(ours['f1'] - baseline['f1']) * 100:+.1f} F1 points\n")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

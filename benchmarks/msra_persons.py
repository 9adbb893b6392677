"""Person names on the MSRA NER test split: govkg's recogniser beside jieba's `nr` tag.

    .venv/bin/python benchmarks/msra_persons.py [--split PATH] [--json PATH]

The split (news text, persons tagged NR) is evaluation data read from
../shared/eval/msra/; nothing of it is copied into the project. A predicted
name counts when its span equals a gold NR span exactly. Each sentence is
read on its own, as jieba reads it, with no memory of the sentences before.
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

from kg.nlp import build_nlp, mentions  # noqa: E402

DEFAULT_SPLIT = ROOT.parent / "shared" / "eval" / "msra" / "test.spans.jsonl"


def read_split(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def gold_persons(sentences: list[dict]) -> set[tuple[str, int, int]]:
    return {(s["id"], e["start"], e["end"]) for s in sentences for e in s["entities"] if e["type"] == "NR"}


def jieba_persons(sentences: list[dict]) -> set[tuple[str, int, int]]:
    """Spans of the words jieba's part-of-speech tagger tags `nr`."""
    jieba.setLogLevel(60)
    found = set()
    for sentence in sentences:
        offset = 0
        for word, tag in jieba.posseg.cut(sentence["text"]):
            if tag == "nr":
                found.add((sentence["id"], offset, offset + len(word)))
            offset += len(word)
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
    gold = gold_persons(sentences)
    report = {"split": str(args.split), "sentences": len(sentences), "systems": {}}
    for name, recognise in (("jieba nr", jieba_persons), ("govkg", govkg_persons)):
        started = time.perf_counter()
        predicted = recognise(sentences)
        report["systems"][name] = score(gold, predicted) | {"seconds": round(time.perf_counter() - started, 2)}
    print(f"MSRA test split, {len(sentences)} sentences, {len(gold)} person names\n")
    print(f"{'system':<10} {'pred':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6} {'seconds':>8}")
    for name, row in report["systems"].items():
        print(
            f"{name:<10} {row['predicted']:>6} {row['matched']:>6} {row['precision']:>6.3f} "
            f"{row['recall']:>6.3f} {row['f1']:>6.3f} {row['seconds']:>8.2f}"
        )
    gain = report["systems"]["govkg"]["f1"] - report["systems"]["jieba nr"]["f1"]
    print(f"\ngovkg - jieba nr: {gain * 100:+.1f} F1 points")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

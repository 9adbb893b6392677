"""A corpus of N MB of varied articles made from seeds/: fresh names and numbers in every article.

    .venv/bin/python benchmarks/corpus.py 5 /tmp/corpus-5mb

Each output file is one page of about 100 kB. Every article keeps the language of the
seeds (titles, bodies, campaigns, amounts) but gets new person names and new digits,
so its content hash is new and no cache or skip can spare the pipeline any work.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import ingest_file  # noqa: E402
from kg.ingest.sources import iter_input_files  # noqa: E402
from kg.lexicon import Lexicon  # noqa: E402

PAGE_BYTES = 100_000
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力志永春晓鹏飞宇浩然子涵博雅欣怡"


def seed_articles(seeds: Path = ROOT / "seeds") -> list[str]:
    texts = []
    for path in iter_input_files([seeds]):
        if isinstance(path, Path):
            articles, _ = ingest_file(path)
            texts += [f"{a.headline}\n\n{a.text}" if a.headline else a.text for a in articles]
    return texts


def seed_names(texts: list[str]) -> list[str]:
    """The person names the pipeline reads in the seeds, longest first (to be replaced)."""
    from kg.nlp import build_nlp, mentions

    nlp = build_nlp()
    names = set()
    for doc in nlp.pipe(texts):
        names |= {
            m.attrs.get("name") or m.text for label in ("POST_CHAIN", "PERSON", "BYLINE") for m in mentions(doc, label)
        }
    return sorted((n for n in names if len(n) >= 2), key=len, reverse=True)


def fresh_name(rng: random.Random, surnames: list[str]) -> str:
    return rng.choice(surnames) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2))))


def vary(text: str, names_re: re.Pattern, rng: random.Random, surnames: list[str]) -> str:
    """The article with each name replaced by one fresh name and every digit by a random one."""
    fresh: dict[str, str] = {}
    text = names_re.sub(lambda m: fresh.setdefault(m.group(), fresh_name(rng, surnames)), text)
    return re.sub(r"\d", lambda m: str(rng.randrange(10)), text)


def generate(megabytes: float, out: Path, seed: int = 1) -> list[Path]:
    """Write about `megabytes` MB of UTF-8 text as pages under `out`; returns the files written."""
    rng = random.Random(seed)
    texts = seed_articles()
    names_re = re.compile("|".join(map(re.escape, seed_names(texts))))
    surnames = [s for s in Lexicon().surnames if len(s) == 1][:100]
    out.mkdir(parents=True, exist_ok=True)
    target, written, files, page, seen = megabytes * 1_000_000, 0, [], [], set()
    while written < target:
        article = vary(rng.choice(texts), names_re, rng, surnames)
        if article in seen:
            continue  # a seed article with no name or digit to vary is used once
        seen.add(article)
        page.append(article)
        size = len(article.encode("utf-8")) + 2
        written += size
        if sum(len(a.encode("utf-8")) for a in page) >= PAGE_BYTES or written >= target:
            path = out / f"page-{len(files):05d}.txt"
            path.write_text("\n\n".join(page) + "\n", encoding="utf-8")
            files.append(path)
            page = []
    return files


if __name__ == "__main__":
    files = generate(float(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(files)} pages, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB in {sys.argv[2]}")

"""Write kg/data/common_chars.tsv: the Chinese characters news text is mostly made of, in simplified and
traditional forms, by which the reader tells a right decoding of a file from mojibake (Big5 bytes read as
GB18030 give rare characters).

The characters are the 3,500 most used in jieba's dictionary (its words' frequencies summed per character),
each with its traditional form (zhconv): both are installed with govkg.

    python scripts/make_common_chars.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jieba
import zhconv

COMMON = 3500
PER_LINE = 50
OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "common_chars.tsv"


def main() -> None:
    counts: Counter = Counter()
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        word, frequency, *_ = line.split(" ")
        for character in word:
            if "\u4e00" <= character <= "\u9fff":
                counts[character] += int(frequency)
    simplified = [character for character, _ in counts.most_common(COMMON)]
    characters = list(dict.fromkeys(simplified + [zhconv.convert(c, "zh-hant") for c in simplified]))
    characters = [c for c in characters if len(c) == 1]
    lines = [
        "# the characters Chinese news is mostly made of, simplified and traditional (scripts/make_common_chars.py)"
    ]
    lines += ["characters"]
    lines += ["".join(characters[i : i + PER_LINE]) for i in range(0, len(characters), PER_LINE)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(characters)} characters to {OUT}")


if __name__ == "__main__":
    main()

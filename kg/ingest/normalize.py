"""Text as crawlers save it, made uniform before anything reads it.

Zero-width characters go (they split names: 夏\u200b扬), and so do the controls of writing direction
(U+202E shows "gnp.exe" as "exe.png"); half-width punctuation between
Chinese characters becomes full-width (", : ; ! ?" of a careless crawler); a page written
in traditional characters is read in simplified ones (zhconv), the script the lexicons use.
A pinyin gloss a site writes after a character (调(diào)研) goes too: it splits the word it reads.
Each change keeps the text one character for one, except the dropped zero-width ones and glosses.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon
from kg.patterns import DIRECTION_CONTROLS, HAN

# zero-width characters, and the controls of writing direction that make text read in another order
_INVISIBLE = re.compile(f"[\u200b\u200c\u200d\u2060\ufeff\u00ad{DIRECTION_CONTROLS}]")
_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", ".": "。"}
# a half-width mark after a Chinese character and before Chinese text, a quote or the end of a line
_HALF_WIDTH = re.compile(rf"(?<=[{HAN}”’）])[ \t]*([,:;!?.])(?![\d])[ \t]*(?=[{HAN}“‘（]|$)", re.M)
# a syllable with its tone mark in brackets right after a Chinese character: 调(diào)研, 区（qū）
_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_GLOSS = re.compile(rf"(?<=[{HAN}])[(（](?=[a-zü]*[{_TONES}])[a-zü{_TONES}]{{1,7}}[)）]")
# share of characters that only traditional script writes above which a page is converted
_TRADITIONAL_SHARE = 0.02


_NOT_HAN = re.compile(f"[^{HAN}]+")


# one character that only traditional script writes (kg/data/traditional_markers.tsv)
_TRADITIONAL_MARKER = re.compile(f"[{re.escape(''.join(sorted(Lexicon().characters('traditional_markers'))))}]")


def is_traditional(text: str) -> bool:
    """True when the text is written in traditional characters.

    >>> is_traditional("鄭州市科技局黨組書記、局長"), is_traditional("郑州市科技局党组书记、局长")
    (True, False)
    """
    # counted by regexes, in C: a loop over the characters in Python costs more than the rest of ingest
    han = len(_NOT_HAN.sub("", text))
    return han > 0 and len(_TRADITIONAL_MARKER.findall(text)) > _TRADITIONAL_SHARE * han


def normalize(text: str) -> str:
    """The text with zero-width and direction controls dropped, Chinese punctuation full-width, simplified script.

    >>> normalize("市委常委, 政法委书记李明德主持."), normalize("夏\u202e扬\u200b说"), normalize("调(diào)研")
    ('市委常委，政法委书记李明德主持。', '夏扬说', '调研')
    """
    text = _INVISIBLE.sub("", text)
    text = _PINYIN_GLOSS.sub("", text)
    text = _HALF_WIDTH.sub(lambda m: _FULL_WIDTH[m.group(1)], text)
    if is_traditional(text):
        import zhconv

        text = zhconv.convert(text, "zh-cn")
    return text

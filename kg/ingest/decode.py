"""Bytes to text: detect the encoding of a crawled file, or say why it is not text."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from kg.lexicon import Lexicon

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which a decoded file is taken to be binary.
_MAX_CONTROL_SHARE = 0.01
# the control characters (Unicode category Cc) but \t \n \v \f \r
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class Decoded(NamedTuple):
    """A file's text, the encoding it was read in, and how many bytes could not be read and were replaced."""

    text: str
    encoding: str
    replaced: int = 0


class NotText(ValueError):
    """Raised when a file cannot be read as text; the message is the reason shown to the user."""


def _plausible_share(text: str) -> float:
    """The share of characters a Chinese news text is made of: Han, ASCII, CJK punctuation, full-width forms."""
    plausible = sum(
        1
        for ch in text
        if (ch.isascii() and (ch.isprintable() or ch in "\t\n\r"))
        or "\u3000" <= ch <= "\u9fff"
        or "\uff00" <= ch <= "\uffef"
        or "\u2000" <= ch <= "\u206f"
    )
    return plausible / max(len(text), 1)


def _utf16_without_bom(data: bytes) -> str | None:
    """Read UTF-16 with no byte-order mark, when one byte order gives plausible text."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible_share(text) > 0.9:
            return text
    return None


def _looks_binary(text: str) -> bool:
    # counted by a regex, in C: a loop over the characters in Python took most of the time a file is read
    return _CONTROL.subn("", text)[1] > _MAX_CONTROL_SHARE * len(text)


def decode_bytes(data: bytes) -> Decoded:
    """Decode a file's bytes.

    data: the raw bytes of one file.
    Returns the text, the encoding and how many undecodable bytes were replaced with U+FFFD (a few may
    be, in a file otherwise read right); raises NotText with a one-line reason.
    """
    if not data.strip():
        raise NotText("empty file")
    bom = next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)
    if bom:
        try:
            decoded = Decoded(data.decode(bom), bom)
        except UnicodeDecodeError as error:
            raise NotText(f"starts with a {bom} byte-order mark but does not decode: {error.reason}") from None
    elif b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise NotText("binary file (NUL bytes, not UTF-16)")
        decoded = Decoded(text, "utf-16")
    else:
        decoded = _decode_8bit(data)
    if _looks_binary(decoded.text):
        raise NotText("binary file (control characters)")
    if not _VISIBLE.search(decoded.text):
        raise NotText("no text: only white space and invisible characters")
    return decoded


# a character that shows: not white space (U+3000 among it), a zero-width or a byte-order mark
_VISIBLE = re.compile(r"[^\s\u200b-\u200f\u2060-\u2064\ufeff\u180e]")


# the encodings tried for a file that is not UTF-8, and the share of its bytes that may fail to decode
# (a damaged byte or two) before it counts as not text
_EIGHT_BIT = ("utf-8", "gb18030", "big5hkscs")
_MAX_BAD_SHARE = 0.001


def _decode_8bit(data: bytes) -> Decoded:
    """UTF-8 when all of it is; else whichever of UTF-8, GB18030 and Big5 reads the whole file as the most
    common Chinese characters (Big5 bytes read as GB18030 give rare ones), with few bytes replaced."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    best, best_score = None, -1.0
    for encoding in _EIGHT_BIT:
        text = data.decode(encoding, errors="replace")
        replaced = text.count("\ufffd")
        if replaced > _MAX_BAD_SHARE * len(data) + 1:
            continue
        score = _common_share(text)
        if score > best_score:
            best, best_score = Decoded(text, encoding, replaced), score
    if best is None:
        raise NotText("not UTF-8, UTF-16, GB18030 or Big5 text")
    judged = best_score < _MIN_COMMON_SHARE and len(_HAN.findall(best.text)) >= _MIN_HAN_TO_JUDGE
    if judged and (other := _other_encoding(data)):
        raise NotText(f"text in {other}, not a Chinese encoding: convert it to UTF-8")
    return best


# Chinese news read in its own encoding is made of common characters (0.95 of them and more on a page);
# Japanese or Korean bytes read as GB18030 give far fewer (0.1-0.8)
_MIN_COMMON_SHARE = 0.9
_MIN_HAN_TO_JUDGE = 20
_CHINESE_ENCODINGS = {"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950", "utf_8", "ascii"}


def _other_encoding(data: bytes) -> str | None:
    """The encoding charset-normalizer reads `data` in, when it is not one of Chinese (Shift_JIS, EUC-KR...)."""
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    return None if guess is None or guess.encoding in _CHINESE_ENCODINGS else guess.encoding


def _common_share(text: str) -> float:
    """The share of a text's Chinese characters that are common ones (kg/data/common_chars.txt)."""
    han, common = _HAN.subn("", text)[1], _COMMON.subn("", text)[1]
    return common / han if han else 0.0


_HAN = re.compile("[\u3400-\u9fff]")


_COMMON = re.compile(f"[{''.join(sorted(Lexicon().characters('common_chars')))}]")

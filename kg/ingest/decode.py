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
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise NotText(f"starts with a {encoding} byte-order mark but does not decode: {error.reason}") from None
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise NotText("binary file (NUL bytes, not UTF-16)")
        decoded = Decoded(text, "utf-16")
    else:
        decoded = _decode_8bit(data)
    if _looks_binary(decoded.text):
        raise NotText("binary file (control characters)")
    return decoded


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
    return best


def _common_share(text: str) -> float:
    """The share of a text's Chinese characters that are common ones (kg/data/common_chars.txt)."""
    han, common = _HAN.subn("", text)[1], _COMMON.subn("", text)[1]
    return common / han if han else 0.0


_HAN = re.compile("[\u3400-\u9fff]")


_COMMON = re.compile(f"[{''.join(sorted(Lexicon().characters('common_chars')))}]")

"""Decoding a file's bytes into text: UTF-8 (with or without BOM), UTF-16/32 with a BOM, or Windows-1256.

Binary files, text in no supported encoding and stray bytes are told apart here; what is repaired on the
way (NUL bytes, a few invalid UTF-8 bytes) is noted, and each note becomes a Problem of the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from arnews.corpus.report import Sink

__all__ = ["BINARY_SAMPLE", "BINARY_SHARE", "CP1256_ARABIC_SHARE", "Decoded", "NotText", "UTF8_REPAIR_SHARE",
           "decode", "decode_or_skip"]

#: A file with more than this share of control bytes (other than tab, newlines, form feed, escape) is binary.
BINARY_SHARE = 0.05
#: … judged on the file's first bytes.
BINARY_SAMPLE = 1 << 20
#: Text that is not UTF-8 is Windows-1256 when at least this share of its non-ASCII characters is Arabic.
CP1256_ARABIC_SHARE = 0.8
#: UTF-8 text with at most this share of invalid bytes (among its non-ASCII bytes) is repaired, not skipped.
UTF8_REPAIR_SHARE = 0.01

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"
_HIGH_BYTES = bytes(range(128, 256))
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
NEWLINES = re.compile(r"\r\n?")


class NotText(ValueError):
    """The bytes are not text the loader can decode; the message says why."""


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the encoding used, and what was repaired or guessed on the way."""

    text: str
    encoding: str
    notes: tuple[tuple[str, str, str], ...] = ()  # (kind, reason, action)


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _binary_reason(data: bytes) -> str | None:
    sample = data[:BINARY_SAMPLE]  # enough to tell; a binary tail still fails to decode
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > BINARY_SHARE * len(sample):
        return f"binary, not text ({_share(controls, len(sample))} control bytes)"
    return None


def _as_cp1256(data: bytes) -> str | None:
    """The text if `data` reads as Windows-1256 with mostly Arabic letters, else None."""
    text = data.decode("cp1256", errors="replace")
    non_ascii = len(_NON_ASCII.findall(text))
    if non_ascii and len(_ARABIC.findall(text)) >= CP1256_ARABIC_SHARE * non_ascii:
        return text
    return None


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, or Windows-1256.

    Newlines become `\\n`; stray NUL bytes are removed and a few invalid UTF-8 bytes are replaced by
    U+FFFD, each with a note.

    Args:
        data: the raw bytes.
    Returns:
        Decoded(text, encoding, notes).
    Raises:
        NotText: the bytes are binary or no supported encoding fits.
    """
    notes = []
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data[len(bom):].decode(codec), f"{name} with BOM"
            except UnicodeDecodeError as err:
                raise NotText(f"invalid {name} ({err.reason} at byte {err.start + len(bom)})") from None
            break
    else:
        reason = _binary_reason(data)
        if reason:
            raise NotText(reason)
        text, encoding = _decode_without_bom(data, notes)
    # a NUL or CR character is a NUL or CR byte in UTF-8 and Windows-1256 (and bytes are quicker to search)
    single_byte = not text or encoding in ("UTF-8", "Windows-1256")
    if (b"\x00" in data if single_byte else "\x00" in text):
        notes.append(("nul-bytes", f"{text.count(chr(0))} stray NUL byte(s)", "repaired (removed them)"))
        text = text.replace("\x00", "")
    if (b"\r" in data if single_byte else "\r" in text):
        text = NEWLINES.sub("\n", text)
    return Decoded(text, encoding, tuple(notes))


def _decode_without_bom(data: bytes, notes: list[tuple[str, str, str]]) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    text = _as_cp1256(data)
    if text is not None:
        return text, "Windows-1256"
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED_BYTE.findall(escaped))
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if bad <= UTF8_REPAIR_SHARE * high:
        notes.append(("invalid-bytes", f"{bad} invalid UTF-8 byte(s), the first at byte {first_bad}",
                      "repaired (replaced with U+FFFD)"))
        return data.decode("utf-8", errors="replace"), "UTF-8"
    raise NotText(
        f"cannot be decoded: not UTF-8 (invalid byte 0x{data[first_bad]:02x} at byte {first_bad}), "
        "not UTF-16 with a BOM, and not Windows-1256 Arabic"
    )


def decode_or_skip(data: bytes, file: str, sink: Sink) -> str | None:
    """The decoded text, or None after telling `sink` why the file is skipped (empty, binary, undecodable)."""
    if not data:
        sink.add("empty", file, "empty file (0 bytes)", "skipped")
        return None
    try:
        decoded = decode(data)
    except NotText as err:
        sink.add("binary" if str(err).startswith("binary") else "undecodable", file, str(err), "skipped")
        return None
    if decoded.encoding == "Windows-1256":
        share = _share(len(_ARABIC.findall(decoded.text)), len(_NON_ASCII.findall(decoded.text)))
        sink.add("windows-1256", file, f"not UTF-8; {share} of its non-ASCII characters are Arabic in "
                 "Windows-1256", "decoded as Windows-1256")
    for kind, reason, action in decoded.notes:
        sink.add(kind, file, reason, action)
    return decoded.text

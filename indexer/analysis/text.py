"""Unicode clean-up and tokenisation, the first step for documents and queries alike.

Why the rules are what they are:

- NFKC folds full-width letters and ligatures; combining accents are dropped so ``é`` and ``e``
  meet. Control characters (NUL, line separators) become spaces; invisible format characters
  (zero-width space and joiners, soft hyphen, bidi marks) are removed, so that no invisible
  character can split a word.
- All dash look-alikes become ``-`` so ``KTP‑el`` (non-breaking hyphen) and ``KTP-el`` are one.
- A hyphenated word is kept together here (``KTP-el``, ``PBB-P2``, ``anak-anak``) and split or
  collapsed later by :mod:`indexer.analysis.normalize`, which knows which compounds are names.
- Thousands separators are removed (``Rp50.000`` -> ``rp 50000``) so an amount is one token.
- Every token keeps whether it was written in capitals: ``DAK`` (Dana Alokasi Khusus) and
  ``dak`` (Jambi Malay "tidak") are told apart by that alone.
"""

from __future__ import annotations

import re
import unicodedata

# controls, line separators and lone surrogates (which cannot even be encoded as UTF-8)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufff9-\ufffc]")
# invisible format characters (soft hyphen, zero-width space/joiners, bidi marks, BOM) are
# copy-paste artefacts inside words: removed, so "kar<ZWSP>tu" stays "kartu"
_INVISIBLE = re.compile("[\xad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_APOSTROPHE_IN_WORD = re.compile(r"(?<=\w)['\u2019\u02bc`](?=\w)")
_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
_RUPIAH = re.compile(r"\b(rp)\.?(?=\d)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def clean(text: str) -> str:
    """Unicode-normalised text with invisible characters removed; case is kept."""
    if text.isascii():  # the common case: only ASCII controls can be there
        text = _ASCII_CONTROL.sub(" ", text)
        if "'" in text or "`" in text:
            text = _APOSTROPHE_IN_WORD.sub("", text)
    else:
        text = _INVISIBLE.sub("", text)
        text = _CONTROL.sub(" ", text)
        text = unicodedata.normalize("NFKC", text)
        decomposed = unicodedata.normalize("NFKD", text)
        if decomposed != text:
            text = unicodedata.normalize(
                "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            )
        text = _DASHES.sub("-", text)
        text = _APOSTROPHE_IN_WORD.sub("", text)
    text = _THOUSANDS.sub("", text)
    return _RUPIAH.sub(r"\1 ", text)


def raw_tokens(text: str) -> list[tuple[str, bool]]:
    """``(lowercase token, written in capitals)`` pairs; hyphenated words stay whole."""
    out = []
    for match in _TOKEN.finditer(clean(text)):
        token = match.group()
        upper = len(token) > 1 and token.isupper()
        out.append((token.casefold(), upper))
    return out


_REDUPLICATED_DIGIT = re.compile(r"^([a-z]{3,})2$")


def split_parts(token: str) -> list[str]:
    """A lowercase token as words: ``anak-anak``/``anak2`` -> ``anak``; ``pbb-p2`` -> pbb, p2.

    Full reduplication is a plural in Indonesian, so it collapses to the base word; any other
    hyphenated word becomes its parts, and :mod:`normalize` rejoins the parts that name one
    thing (``ktp el`` -> ``ktp``).
    """
    if "-" not in token:
        match = _REDUPLICATED_DIGIT.match(token)
        return [match.group(1)] if match else [token]
    parts = [p for p in token.split("-") if p]
    if len(parts) > 1 and all(p == parts[0] for p in parts):
        return [parts[0]]
    return parts


def words_of(text: str) -> list[str]:
    """Lowercase words of ``text`` split like the pipeline splits them (for lexicon keys)."""
    out: list[str] = []
    for token, _upper in raw_tokens(text):
        out.extend(split_parts(token))
    return out

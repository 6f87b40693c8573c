"""A tiny stopword language guess (Indonesian, Malay, English) with a confidence score.

No model download: the three languages are told apart by frequent function words. Indonesian and
Malay share most of them, so Malay needs its own markers and the score stays honest (low) when
the text is short or mixed.
"""

from __future__ import annotations

import re

_WORDS = {
    "id": frozenset(
        ["yang", "dan", "di", "dengan", "untuk", "dari", "ini", "itu", "dalam", "tidak", "akan", "pada", "juga", "ke", "karena", "ada", "oleh", "mereka", "kami", "sudah", "telah", "bisa", "saat", "sebagai", "atau", "lebih", "kata", "para", "tersebut", "menjadi", "namun", "hingga", "bahwa", "masih", "agar", "serta", "tahun", "dapat", "belum", "sejak", "setelah", "terhadap"]
    ),
    "ms": frozenset(["boleh", "kerana", "daripada", "sahaja", "iaitu", "ialah", "beliau", "tersebut", "bagi", "kepada"]),
    "en": frozenset(
        ["the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "on", "as", "by", "are", "it", "from", "at", "be", "this", "has", "have", "were", "which", "an", "its", "their", "said", "not", "but", "also", "who", "been", "will"]
    ),
}
_MALAY_ONLY = frozenset(["kerana", "sahaja", "iaitu", "ialah", "boleh", "daripada"])
_TOKEN = re.compile(r"[a-z]+")


def guess_language(text: str) -> tuple[str | None, float | None]:
    words = _TOKEN.findall(text[:5000].lower())
    if len(words) < 5:
        return None, None
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _WORDS.items()}
    malay_only = sum(1 for w in words if w in _MALAY_ONLY)
    id_en = {"id": counts["id"], "en": counts["en"]}
    total = id_en["id"] + id_en["en"]
    if total == 0:
        return None, None
    lang = max(id_en, key=id_en.get)
    score = id_en[lang] / total
    if lang == "id" and malay_only >= 3 and malay_only > 0.05 * counts["id"]:
        lang, score = "ms", min(1.0, malay_only / max(1, counts["id"]) * 5)
    coverage = min(1.0, total / max(1, len(words)) / 0.2)
    return lang, round(score * coverage, 3)

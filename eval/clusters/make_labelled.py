"""Write the labelled near-duplicate set: eval/clusters/labelled.jsonl.gz (seeded, reproducible).

    .venv/bin/python eval/clusters/make_labelled.py            # rewrites labelled.jsonl.gz

Everything is fictional and written for this project. Base stories come from
kutim_corpus.synthetic (whole Kaltim press-release style stories); the re-posting edits below are
the ones portals make when they republish a release: another dateline (with or without the
portal's name and a date), a rewritten headline and first sentence, trimmed or added paragraphs,
"Baca juga" boxes linking their own stories, credit lines, reporter codes and advertorial markers.

* STORIES stories are re-posted 2 to 6 times each (``story`` = their label), a few of them short
  notes of about 60 words (the case where raw-text MinHash fails).
* DISTINCT stories on the same topics (same agencies, same places, shared stock phrases) appear
  once each and must not cluster. Two base stories count as distinct only if the exact Jaccard of
  their cleaned 5-gram shingle sets is below DISTINCT_MAX: the synthetic generator sometimes makes
  two short notes that are the same text with other names, which no human would call two stories.
  The last FOLLOW_UPS of them are follow-ups: they then copy one or two background paragraphs
  from an earlier story on the same topic, as portals do (hard negatives).

Each line: {"id", "story", "site", "title", "published_at", "body", "edits"}.

The committed labelled.jsonl.gz is the reference set that `make eval` scores. The generator is
deterministic for its seed, but its base stories come from kutim_corpus.synthetic: after that
module changes, rerunning it writes another (equally valid) set, so rerun it only on purpose.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import sys
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from kutim_corpus import synthetic  # noqa: E402
from kutim_corpus.clusters import clean_body, shingles  # noqa: E402

OUT = HERE / "labelled.jsonl.gz"
SEED = 2026
STORIES = 40
SHORT_STORIES = 8
DISTINCT = 120
DISTINCT_MAX = 0.3
FOLLOW_UPS = 40  # singles that reuse background paragraphs of an earlier story

# --- re-posting material (written for this project) -----------------------------------------

DATELINE_FORMS = (
    "{PLACE} –", "{PLACE} -", "{SITE}, {PLACE} –", "{PLACE}, {SITE} –", "{Place} ({d}/{m}) –",
    "{PLACE}, KUTIM –", "{Place} –",
)
READ_ALSO_HEADLINES = (
    "Jalan Poros Sangatta-Bengalon Mulai Diperbaiki Bulan Depan",
    "Harga Cabai di Pasar Induk Sangatta Turun Jelang Akhir Pekan",
    "Ratusan Pelajar Ikuti Lomba Pidato Bahasa Kutai",
    "Stok Beras Aman hingga Tiga Bulan ke Depan, Kata Disperindag",
    "Festival Budaya Wehea Kembali Digelar di Muara Wahau",
    "Pemadaman Listrik Bergilir di Sangatta Utara Dijadwalkan Pekan Ini",
    "Turnamen Sepak Bola Antar-Desa Dibuka di Lapangan Kudungga",
    "Warga Teluk Pandan Keluhkan Air Bersih yang Belum Mengalir",
)
READ_ALSO_FORMS = ("Baca juga: {H}", "BACA JUGA : {H}", "Baca Juga:\n\n{H}", "Simak juga: {H}")
ADV_MARKERS = ("(adv)", "(Adv-DPRD/Tj)", "(ADV/HR)", "(adv/kominfokutim)", "(Adv)")
CODES = ("(SK-04)", "(ra/kk)", "(*)", "(RED)", "(tj/ant)")
CREDITS = ("Editor: Dwi Lestari", "Penulis: Arif Setiawan | Editor: Nur Aini", "Pewarta: Hamdan",
           "Reporter: Yusuf Ladjar", "Foto: Humas Pemkab Kutim")
TITLE_PREFIXES = ("", "Pemkab Kutim: ", "KUTIM – ", "Advertorial: ", "")
TITLE_SUFFIXES = ("", " Tahun Ini", ", Ini Kata Kepala Dinas", " di Sejumlah Kecamatan")
OPENERS = (
    "Upaya pemerintah daerah memperbaiki layanan kepada warga terus berjalan.",
    "Program prioritas pemerintah daerah kembali mendapat sorotan pekan ini.",
    "Sejumlah langkah disiapkan pemerintah daerah menjawab keluhan warga.",
    "Pemerintah Kabupaten Kutai Timur kembali menegaskan komitmennya kepada masyarakat.",
)
ADDED_PARAGRAPHS = (
    "Sebelumnya, kegiatan serupa juga pernah dilaksanakan dan mendapat sambutan hangat dari warga di sejumlah desa.",
    "Untuk diketahui, program tersebut merupakan bagian dari rencana kerja pemerintah daerah yang disusun bersama DPRD.",
    "Di akhir kegiatan, panitia membagikan paket sembako kepada warga lanjut usia yang hadir di lokasi.",
    "Sementara itu, sejumlah warga berharap pemerintah juga memperhatikan perbaikan jalan desa yang rusak saat musim hujan.",
)
# Copy-editing a re-poster does: applied to some occurrences only.
REWORDINGS = (
    ("Kutim", "Kutai Timur"), ("pemerintah daerah", "pemda"), ("menyampaikan", "mengatakan"),
    ("warga", "masyarakat"), ("kegiatan", "acara"), ("sejumlah", "beberapa"), ("tahun depan", "tahun mendatang"),
)
SITE_NAMES = ("KUTIMPOST.COM", "Sangattapos.com", "ETAMNEWS.CO.ID", "kaltimhariini.id", "BERITAKUTAI.NET")


def _dateline(rng: random.Random, place: str, published) -> str:
    """Another dateline than the original's "PLACE –" (a copy with none changed is an exact duplicate)."""
    form = rng.choice(DATELINE_FORMS[1:])
    return form.format(PLACE=place.upper(), Place=place.title(), SITE=rng.choice(SITE_NAMES),
                       d=published.day, m=published.month)


def _replace_dateline(body: str, old: str, new: str) -> str:
    prefix = f"{old} – "
    return f"{new} {body[len(prefix):]}" if body.startswith(prefix) else body


def _split_lead(paragraph: str) -> tuple[str, str]:
    head, dot, rest = paragraph.partition(". ")
    return head + dot.strip(), rest


def repost(rng: random.Random, story, copy: int, short: bool) -> dict:
    """One lightly edited re-post of ``story`` on another portal."""
    paragraphs = list(story.paragraphs)
    edits: list[str] = []
    title = story.title
    published = story.published + timedelta(minutes=rng.choice((0, 35, 90, 240, 1440, 2880)) + copy)
    paragraphs[0] = _replace_dateline(paragraphs[0], story.dateline, _dateline(rng, story.dateline, published))
    edits.append("dateline")
    if rng.random() < 0.6:
        title = rng.choice(TITLE_PREFIXES) + title + rng.choice(TITLE_SUFFIXES)
        edits.append("title")
    if not short and rng.random() < 0.35:
        dateline, lead = paragraphs[0].split(" – ", 1) if " – " in paragraphs[0] else ("", paragraphs[0])
        _, rest = _split_lead(lead)
        paragraphs[0] = f"{dateline} – {rng.choice(OPENERS)} {rest}".strip(" –")
        edits.append("first-sentence")
    if not short and len(paragraphs) > 5 and rng.random() < 0.5:
        keep = max(4, len(paragraphs) - rng.randint(1, 2))
        paragraphs = paragraphs[:keep]
        edits.append("trimmed")
    elif not short and len(paragraphs) > 7 and rng.random() < 0.2:
        paragraphs = paragraphs[: max(5, round(len(paragraphs) * 0.7))]
        edits.append("shortened-30pct")
    if not short and rng.random() < 0.35:
        for _ in range(rng.randint(1, 2)):
            paragraphs.insert(rng.randint(2, len(paragraphs)), rng.choice(ADDED_PARAGRAPHS))
        edits.append("added-paragraph")
    if not short and rng.random() < 0.3:
        paragraphs = [_reword(rng, paragraph) for paragraph in paragraphs]
        edits.append("reworded")
    if not short and rng.random() < 0.2:
        i = rng.randint(2, len(paragraphs) - 2)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
        edits.append("reordered")
    if short or rng.random() < 0.6:
        for _ in range(1 if short else rng.randint(1, 3)):
            box = rng.choice(READ_ALSO_FORMS).format(H=rng.choice(READ_ALSO_HEADLINES))
            paragraphs.insert(min(len(paragraphs), rng.randint(1, 5)), box)
        edits.append("baca-juga")
    paragraphs[-1] = paragraphs[-1].removesuffix(f" {story.advertorial_marker or story.closing_code}")
    if short or rng.random() < 0.4:
        paragraphs[-1] += f" {rng.choice(ADV_MARKERS)}"
        edits.append("advertorial-marker")
    elif rng.random() < 0.5:
        paragraphs[-1] += f" {rng.choice(CODES)}"
        edits.append("reporter-code")
    if rng.random() < 0.4:
        paragraphs.append(rng.choice(CREDITS))
        edits.append("credit")
    site = rng.choice([s for s in synthetic.SITES if s.host != story.site.host])
    url = f"https://{site.host}/berita/{story.slug}-{story.key}-{copy}"
    return _row(url, story.key, site.host, title, published, "\n\n".join(paragraphs), edits)


def _reword(rng: random.Random, paragraph: str) -> str:
    for old, new in REWORDINGS:
        if old in paragraph and rng.random() < 0.5:
            paragraph = paragraph.replace(old, new, 1)
    return paragraph


def follow_up(rng: random.Random, story, earlier) -> None:
    """A new story that reuses one or two background paragraphs of an earlier one (a hard negative)."""
    background = earlier.paragraphs[2:-1] or earlier.paragraphs[-1:]
    for paragraph in rng.sample(background, min(len(background), rng.randint(1, 2))):
        story.paragraphs.insert(rng.randint(2, len(story.paragraphs)), paragraph)


def _row(url: str, label: int, site: str, title: str, published, body: str, edits: list[str]) -> dict:
    return {
        "id": hashlib.sha256(url.encode()).hexdigest()[:16], "story": label, "site": site, "title": title,
        "published_at": published.isoformat(), "body": body, "edits": edits,
    }


def _jaccard(left: set, right: set) -> float:
    return len(left & right) / len(left | right) if left | right else 0.0


def _shorten(story) -> None:
    """A ~60-word note: the lead and the official's paragraph only."""
    story.paragraphs = story.paragraphs[:2]
    if story.advertorial_marker or story.closing_code:
        story.paragraphs[-1] += f" {story.advertorial_marker or story.closing_code}"


def base_stories(rng: random.Random) -> list:
    """Distinct base stories: first the re-posted ones (some short), then the singles."""
    chosen, seen = [], []
    key = 0
    while len(chosen) < STORIES + DISTINCT:
        story = synthetic.make_story(rng, key)
        key += 1
        if len(chosen) < SHORT_STORIES:
            _shorten(story)
        elif len(story.paragraphs) < 4:
            continue
        grams = set(shingles(clean_body(story.body)))
        if any(_jaccard(grams, other) >= DISTINCT_MAX for other in seen):
            continue
        chosen.append(story)
        seen.append(grams)
    return chosen


def labelled_rows(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    stories = base_stories(rng)
    rows = []
    for index, story in enumerate(stories):
        edits = ["original"]
        if index >= STORIES + DISTINCT - FOLLOW_UPS:  # the last singles reuse background paragraphs
            follow_up(rng, story, rng.choice([s for s in stories[SHORT_STORIES:index] if s.topic == story.topic] or stories[SHORT_STORIES:index]))
            edits = ["original", "follow-up"]
        rows.append(_row(story.url, story.key, story.site.host, story.title, story.published, story.body, edits))
        if index < STORIES:
            for copy in range(1, rng.randint(2, 6) + 1):
                rows.append(repost(rng, story, copy, short=index < SHORT_STORIES))
    rng.shuffle(rows)
    return rows


def main() -> None:
    rows = labelled_rows()
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        for row in rows:
            raw.write((json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    groups = {row["story"] for row in rows}
    print(f"wrote {len(rows)} articles ({len(groups)} stories) to {OUT.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()

"""The Indonesian analyzer of the search index: what a word in an article turns into."""

from __future__ import annotations

import importlib.util
import pickle

import pytest

from kutim_corpus.analysis import (
    STOPWORDS,
    composed_analyzer,
    indonesian_analyzer,
    protected_words,
    stem_snowball,
    terms,
)

SENTENCE = (
    "SANGATTA – Dinas Pemberdayaan Perempuan dan Perlindungan Anak (DP3A) Kutai Timur menggelar "
    "sosialisasi bagi anak-anak di Kecamatan Kongbeng, Jum'at (12/4)."
)


def test_reduplicated_plural_is_folded_into_its_singular():
    assert terms("anak-anak") == terms("anak") == ["anak"]
    assert terms("Anak-anaknya") == ["anak"]
    assert terms("rumah-rumah warga") == terms("rumah warga")


def test_other_hyphenated_words_stay_whole_and_also_yield_their_parts():
    words = terms("vaksin Covid-19 untuk lansia")
    assert "covid-19" in words and "covid" in words and "19" in words


def test_words_are_lower_cased_and_apostrophes_kept_inside_words():
    words = terms(SENTENCE)
    assert all(w == w.lower() for w in words)
    assert "jum'at" in words


def test_function_words_are_stopwords_but_news_words_are_not():
    assert terms("yang dan di ke dari untuk dengan") == []
    for news_word in ("ibu", "bapak", "baru", "bulan", "tahun", "warga", "daerah"):
        assert news_word not in STOPWORDS
        assert terms(news_word), news_word


def test_words_are_stemmed_with_snowball_by_default():
    assert terms("perlindungan") == ["lindung"]
    assert terms("kebakaran") == ["bakar"]
    assert terms("menyerahkan") == terms("diserahkan") == ["serah"]
    assert stem_snowball("pendidikan") == "didik"


def test_region_names_and_agency_acronyms_are_protected_from_the_stemmer():
    # Snowball alone turns "kutai" into "kuta" (Kuta is in Bali)
    assert stem_snowball("kutai") == "kuta"
    words = terms(SENTENCE)
    assert "kutai" in words and "kuta" not in words
    assert {"sangatta", "timur", "dp3a", "kongbeng"} <= set(words)
    protected = protected_words()
    assert {"kutai", "kutim", "kaltim", "sangatta", "bpbd", "dp3a"} <= protected
    assert not protected & STOPWORDS


def test_common_words_are_not_protected_by_an_agency_name():
    # an acronym column holding a full name must not freeze ordinary words
    assert terms("kesehatan") == ["sehat"]


def test_phrase_positions_survive_removed_stopwords():
    analyzer = indonesian_analyzer()
    tokens = [(t.text, t.pos) for t in analyzer("perlindungan terhadap anak", positions=True)]
    assert tokens == [("lindung", 0), ("anak", 1)]


def test_analyzer_pickles_into_the_index_schema_with_its_protected_words():
    analyzer = pickle.loads(pickle.dumps(indonesian_analyzer()))
    assert [t.text for t in analyzer("Kutai Timur perlindungan")] == ["kutai", "timur", "lindung"]


def test_unknown_stemmer_is_refused():
    with pytest.raises(ValueError, match="unknown stemmer"):
        indonesian_analyzer("porter")


@pytest.mark.skipif(importlib.util.find_spec("Sastrawi") is not None, reason="Sastrawi is installed")
def test_sastrawi_is_opt_in_and_says_how_to_install_it_and_its_licence():
    with pytest.raises(RuntimeError, match=r"kutim-corpus\[sastrawi\].*non-commercial"):
        indonesian_analyzer("sastrawi")


@pytest.mark.skipif(importlib.util.find_spec("Sastrawi") is None, reason="Sastrawi not installed")
def test_sastrawi_finds_roots_and_still_protects_region_names():  # pragma: no cover - optional
    words = terms("perlindungan anak-anak di Kutai Timur", stemmer="sastrawi")
    assert words == ["lindung", "anak", "kutai", "timur"]


@pytest.mark.parametrize(
    "options",
    [{}, {"removestops": False}, {"start_pos": 5, "start_char": 3}, {"tokenize": False}, {"mode": "query"}],
)
def test_fused_analyzer_gives_exactly_what_the_filter_chain_gives(options):
    texts = [
        SENTENCE,
        "yang anak-anak dan sehari-hari Covid-19 - -- a-b-c yang",
        "",
        "di ke dari",
        "ANAK-ANAKNYA bermain di Sangatta",
        "Bupati Kutim Ardiansyah Sulaiman menyerahkan bantuan kepada warga terdampak banjir di "
        "Kecamatan Muara Wahau, Rabu (12/6/2024). Baca juga: Pemkab Kutim Bangun Jembatan",
    ]
    fused, chain = indonesian_analyzer(), composed_analyzer()

    def dump(analyzer, text):
        return [(t.text, t.pos, t.startchar, t.endchar, t.stopped)
                for t in analyzer(text, positions=True, chars=True, **options)]

    for text in texts:
        assert dump(fused, text) == dump(chain, text), text


def test_index_postings_are_whooshs_positions_byte_for_byte():
    """IndonesianPositions skips Whoosh's Token stream when indexing; the postings it writes
    (term, frequency, weight, encoded positions) must be exactly those of Whoosh's Positions."""
    from whoosh.formats import Positions

    from kutim_corpus.analysis import IndonesianPositions
    from test_index_fixtures import fixture_records

    analyzer = indonesian_analyzer()
    texts = [SENTENCE, "yang anak-anak dan sehari-hari Covid-19 - -- a-b-c yang", "", "di ke dari"]
    texts += [r[name] for r in fixture_records() for name in ("title", "body")]
    for boost in (1.0, 2.0):
        fast, whoosh = IndonesianPositions(field_boost=boost), Positions(field_boost=boost)
        for text in texts:
            assert list(fast.word_values(text, analyzer)) == list(whoosh.word_values(text, analyzer)), text
    assert pickle.loads(pickle.dumps(fast)).field_boost == 2.0

"""The BM25F domain functions, called directly (no HTTP)."""

from __future__ import annotations

import math
import random

import pytest

from app.ranking import BM25Params, Document, as_documents, idf, rank_documents, score_documents, tokenize

BODY_ONLY = BM25Params(title_weight=0.0, body_weight=1.0)


def classic_bm25(query, bodies, k1=1.5, b=0.75):
    """Textbook BM25 (Lucene IDF), written independently of the implementation."""
    docs = [[w.lower() for w in body.split()] for body in bodies]
    n = len(docs)
    avg = sum(len(d) for d in docs) / n
    scores = []
    for d in docs:
        s = 0.0
        for term in dict.fromkeys(query.lower().split()):
            df = sum(1 for other in docs if term in other)
            tf = d.count(term)
            if tf:
                idf_ = math.log(1 + (n - df + 0.5) / (df + 0.5))
                s += idf_ * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(d) / avg))
        scores.append(s)
    return scores


def ids(ranked):
    return [r.id for r in ranked]


def test_tokenize_normalises_case_unicode_and_punctuation():
    assert tokenize("Hello, WORLD! it's 2024") == ["hello", "world", "it", "s", "2024"]
    assert tokenize("Straße") == tokenize("STRASSE") == ["strasse"]
    assert tokenize("ﬁle") == ["file"]  # NFKC: the ligature is two letters
    assert tokenize("Café au lait") == ["café", "au", "lait"]
    assert tokenize("") == [] and tokenize(None) == []


def test_body_only_scores_equal_textbook_bm25():
    bodies = ["the quick brown fox", "the lazy dog sleeps all day long", "quick quick fox jumps",
              "a completely unrelated text", "fox"]
    query = "quick fox"
    docs = [Document(i, "", body) for i, body in enumerate(bodies)]
    expected = classic_bm25(query, bodies)
    actual = score_documents(query, docs, BODY_ONLY)
    assert actual == pytest.approx(expected, rel=1e-12)


def test_known_ordering():
    docs = [
        Document("cooking", "Pasta recipes", "Boil water, add salt and pasta."),
        Document("redis", "Redis caching", "Redis is an in-memory cache used for caching rankings."),
        Document("postgres", "Postgres", "A relational database; can also act as a cache."),
        Document("empty", "", ""),
    ]
    ranked = rank_documents("redis cache", docs)
    assert ids(ranked) == ["redis", "postgres", "cooking", "empty"]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]
    assert ranked[0].score > ranked[1].score > 0
    assert ranked[2].score == ranked[3].score == 0.0
    assert [r.index for r in ranked] == [1, 2, 0, 3]


def test_title_match_outranks_body_match_of_same_length():
    docs = [Document("body", "alpha beta", "gamma kafka"), Document("title", "gamma kafka", "alpha beta")]
    ranked = rank_documents("kafka", docs)
    assert ids(ranked) == ["title", "body"]
    assert ranked[0].score > ranked[1].score > 0


def test_title_weight_is_a_parameter():
    docs = [Document("body", "alpha beta", "gamma kafka"), Document("title", "gamma kafka", "alpha beta")]
    equal = score_documents("kafka", docs, BM25Params(title_weight=1.0, body_weight=1.0))
    assert equal[0] == pytest.approx(equal[1])
    body_heavy = rank_documents("kafka", docs, BM25Params(title_weight=0.5, body_weight=1.0))
    assert ids(body_heavy) == ["body", "title"]


def test_term_frequency_saturates_and_rare_terms_weigh_more():
    docs = [Document(i, "", body) for i, body in enumerate(
        ["common rare", "common", "common", "common common common common common common"])]
    scores = score_documents("common rare", docs, BODY_ONLY)
    assert scores[0] == max(scores)  # the only document with the rare term wins
    # Six occurrences score less than 6x one occurrence (saturation) yet more than one.
    assert scores[1] < scores[3] < 6 * scores[1]


def test_idf_is_never_negative():
    assert idf(10, 10) > 0
    docs = [Document(i, "", "everywhere") for i in range(3)]
    assert all(s > 0 for s in score_documents("everywhere", docs))


def test_shorter_documents_win_at_equal_term_frequency():
    docs = [Document("long", "", "kafka " + "filler " * 30), Document("short", "", "kafka filler")]
    assert ids(rank_documents("kafka", docs)) == ["short", "long"]


def test_ties_keep_input_order_and_output_is_deterministic():
    docs = [Document(f"d{i}", "Same title", "identical body text") for i in range(20)]
    ranked = rank_documents("identical title", docs)
    assert ids(ranked) == [f"d{i}" for i in range(20)]
    assert len({r.score for r in ranked}) == 1

    rng = random.Random(7)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    corpus = [Document(i, " ".join(rng.choices(words, k=3)), " ".join(rng.choices(words, k=40))) for i in range(200)]
    first = rank_documents("gamma theta alpha", corpus)
    for _ in range(3):
        assert rank_documents("gamma theta alpha", list(corpus)) == first


def test_scores_are_rounded_before_ordering():
    ranked = rank_documents("x", [Document(1, "", "x y"), Document(2, "", "x y z")])
    for r in ranked:
        assert r.score == round(r.score, 6)


def test_duplicate_query_terms_count_once():
    docs = [Document(1, "", "kafka streams"), Document(2, "", "redis")]
    assert score_documents("kafka kafka KAFKA", docs) == score_documents("kafka", docs)


@pytest.mark.parametrize("query", ["", "   ", "!!! ??? ...", "\n\t"])
def test_empty_query_keeps_input_order_with_zero_scores(query):
    docs = [Document("b", "Beta", "second"), Document("a", "Alpha", "first"), Document(3, "", "")]
    ranked = rank_documents(query, docs)
    assert ids(ranked) == ["b", "a", 3]
    assert [r.score for r in ranked] == [0.0, 0.0, 0.0]
    assert [r.rank for r in ranked] == [1, 2, 3]


def test_no_documents():
    assert rank_documents("anything", []) == []
    assert score_documents("", []) == []


def test_documents_without_text_and_query_without_matches():
    docs = [Document(1, "", ""), Document(2, "", "")]
    ranked = rank_documents("kafka", docs)
    assert ids(ranked) == [1, 2] and all(r.score == 0 for r in ranked)
    assert [r.score for r in rank_documents("nomatch", [Document(1, "a", "b")])] == [0.0]


def test_limit():
    docs = [Document(i, "", "kafka " * (i + 1)) for i in range(5)]
    assert len(rank_documents("kafka", docs, limit=2)) == 2
    assert ids(rank_documents("kafka", docs, limit=2)) == ids(rank_documents("kafka", docs))[:2]
    assert len(rank_documents("kafka", docs, limit=100)) == 5
    assert rank_documents("kafka", docs, limit=0) == []
    with pytest.raises(ValueError):
        rank_documents("kafka", docs, limit=-1)


def test_invalid_parameters_are_rejected():
    with pytest.raises(ValueError):
        BM25Params(b=1.5)
    with pytest.raises(ValueError):
        BM25Params(k1=-1)


def test_large_input_within_limits_is_ranked():
    rng = random.Random(1)
    vocabulary = [f"w{i}" for i in range(5000)]
    docs = [Document(i, " ".join(rng.choices(vocabulary, k=8)), " ".join(rng.choices(vocabulary, k=1000)))
            for i in range(1000)]
    ranked = rank_documents("w1 w2 w3 w42", docs, limit=10)
    assert len(ranked) == 10
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_as_documents_adapts_mappings_and_objects():
    class Obj:
        id, title, body = "o", None, "text"

    docs = as_documents([{"id": 1, "title": "t"}, Obj(), Document(2)])
    assert docs == [Document(1, "t", ""), Document("o", "", "text"), Document(2)]

"""BM25F ranking: pure functions, no I/O, no framework — the tests call them directly.

Scoring (the "simple BM25F" of Robertson & Zaragoza, *The Probabilistic Relevance Framework*, 2009):

* Text is NFKC-normalised, case-folded and split on Unicode word characters (``\\w+``). No stemming, no stop words.
* Each document has two fields, ``title`` and ``body``, each with a weight ``w_f`` (title 2.0, body 1.0 by default)
  and its own length normalisation against the average length of that field over the submitted documents::

      B_f(d)  = (1 - b) + b * len_f(d) / avglen_f          (1 when no document has text in that field)
      tf~(t,d) = sum_f  w_f * tf_f(t, d) / B_f(d)           (field-weighted, length-normalised frequency)

* The saturation and IDF are applied once, to the combined frequency, so a term repeated in title *and* body does
  not count twice as much as BM25 over concatenated fields would::

      idf(t)   = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))      (Lucene's non-negative IDF; n_t = documents containing t)
      score(d) = sum_{t in unique(query terms)} idf(t) * tf~(t,d) * (k1 + 1) / (k1 + tf~(t,d))

  with ``k1 = 1.5`` and ``b = 0.75``. With ``w_title = 0`` and ``w_body = 1`` this is exactly classic BM25.

* The corpus statistics (N, n_t, avglen) are those of the documents in the request: the service ranks a candidate set,
  it has no index.
* Scores are rounded to 6 decimals *before* sorting, and the sort is stable on (-score, input position): equal
  scores keep the caller's order, so the output is a pure function of the input.
* An empty query (or one without any word character) ranks nothing: every document scores 0 and keeps its position.
  Documents that match no query term are still returned, with score 0, after the matching ones.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Union

DocumentId = Union[int, str]

_WORD = re.compile(r"\w+", re.UNICODE)
SCORE_DECIMALS = 6


@dataclass(frozen=True)
class BM25Params:
    k1: float = 1.5
    b: float = 0.75
    title_weight: float = 2.0
    body_weight: float = 1.0

    def __post_init__(self) -> None:
        if self.k1 < 0 or not 0 <= self.b <= 1 or self.title_weight < 0 or self.body_weight < 0:
            raise ValueError("BM25 parameters must satisfy k1 >= 0, 0 <= b <= 1, weights >= 0")


@dataclass(frozen=True)
class Document:
    id: DocumentId
    title: str = ""
    body: str = ""


@dataclass(frozen=True)
class RankedDocument:
    id: DocumentId
    score: float
    rank: int  # 1-based position in the ranking
    index: int  # position in the input


def tokenize(text: Optional[str]) -> List[str]:
    """Lower-cased (case-folded) Unicode words of ``text``, NFKC-normalised so e.g. the ligature "ﬁ" matches "fi"."""
    if not text:
        return []
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def idf(document_count: int, containing: int) -> float:
    """Lucene's BM25 IDF, never negative even for a term present in every document."""
    return math.log(1.0 + (document_count - containing + 0.5) / (containing + 0.5))


def score_documents(query: str, documents: Sequence[Document], params: BM25Params = BM25Params()) -> List[float]:
    """The BM25F score of each document for ``query``, in input order (unrounded)."""
    n = len(documents)
    terms = list(dict.fromkeys(tokenize(query)))  # unique, first-seen order: float sums are order-dependent
    if n == 0 or not terms:
        return [0.0] * n

    wanted = set(terms)
    titles = [tokenize(d.title) for d in documents]
    bodies = [tokenize(d.body) for d in documents]
    avg_title = sum(map(len, titles)) / n
    avg_body = sum(map(len, bodies)) / n

    # Per document: {term: combined normalised frequency}, only for query terms.
    combined: List[dict] = []
    containing: Counter = Counter()
    for title, body in zip(titles, bodies):
        freqs: dict = {}
        for tokens, weight, average in ((title, params.title_weight, avg_title), (body, params.body_weight, avg_body)):
            if not tokens or weight == 0:
                continue
            norm = (1.0 - params.b) + params.b * len(tokens) / average if average > 0 else 1.0
            counts = Counter(t for t in tokens if t in wanted)
            for term in terms:
                tf = counts.get(term)
                if tf:
                    freqs[term] = freqs.get(term, 0.0) + weight * tf / norm
        # n_t counts documents where the term occurs in any field, weighted or not.
        present = wanted.intersection(title).union(wanted.intersection(body))
        containing.update(present)
        combined.append(freqs)

    idfs = {t: idf(n, containing[t]) for t in terms}
    k1 = params.k1
    scores = []
    for freqs in combined:
        score = 0.0
        for term in terms:
            tf = freqs.get(term)
            if tf:
                score += idfs[term] * tf * (k1 + 1.0) / (k1 + tf)
        scores.append(score)
    return scores


def rank_documents(
    query: str,
    documents: Sequence[Document],
    params: BM25Params = BM25Params(),
    limit: Optional[int] = None,
) -> List[RankedDocument]:
    """Documents ordered by descending BM25F score, ties in input order; at most ``limit`` of them."""
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    scores = [round(s, SCORE_DECIMALS) for s in score_documents(query, documents, params)]
    order = sorted(range(len(documents)), key=lambda i: (-scores[i], i))
    if limit is not None:
        order = order[:limit]
    return [RankedDocument(documents[i].id, scores[i], rank, i) for rank, i in enumerate(order, start=1)]


def as_documents(items: Iterable) -> List[Document]:
    """Adapts any objects or mappings with id/title/body to ``Document``."""
    documents = []
    for item in items:
        if isinstance(item, Document):
            documents.append(item)
        elif isinstance(item, dict):
            documents.append(Document(item["id"], item.get("title") or "", item.get("body") or ""))
        else:
            documents.append(Document(item.id, getattr(item, "title", "") or "", getattr(item, "body", "") or ""))
    return documents

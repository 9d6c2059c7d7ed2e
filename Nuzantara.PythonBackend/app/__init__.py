"""Nuzantara Python backend: a BM25 ranking service (FastAPI)."""

__version__ = "1.0.0"

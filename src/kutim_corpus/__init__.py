"""kutim-corpus: regional Indonesian news from raw HTML to a searchable Parquet corpus."""

__version__ = "0.1.0"

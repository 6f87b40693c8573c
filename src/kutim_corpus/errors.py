"""Errors shared by the pipeline stages."""

from __future__ import annotations


class Rejected(Exception):
    """An input that cannot become an article. ``reason`` is a code from schemas/reject.schema.json."""

    def __init__(self, reason: str, message: str, stage: str = "extract", duplicate_of: str | None = None):
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message
        self.stage = stage
        self.duplicate_of = duplicate_of

    def as_record(self, source: str) -> dict:
        return {
            "source": source,
            "stage": self.stage,
            "reason": self.reason,
            "message": self.message,
            "duplicate_of": self.duplicate_of,
        }


class UsageError(Exception):
    """A mistake in how a command was called (missing input, unwritable output...): one line, exit 2."""

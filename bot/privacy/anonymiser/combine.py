"""The combining of findings: where two overlap, the earlier kind wins and takes in the other."""

from __future__ import annotations

from collections.abc import Iterable

from bot.privacy.anonymiser.text import Finding

__all__ = ["KINDS", "resolve"]


# Kinds in order of precedence where findings overlap.
KINDS = ("EMAIL", "URL", "USERNAME", "ACCOUNT", "ID", "DATE", "PHONE", "ADDRESS", "NAME")
_PRECEDENCE = {kind: rank for rank, kind in enumerate(KINDS)}


def resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Findings without overlaps: the earlier kind wins and takes in what overlaps it."""
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (_PRECEDENCE[f.kind], f.start, f.start - f.end)):
        if finding.end <= finding.start:
            continue
        overlapping = [c for c in chosen if c.start < finding.end and finding.start < c.end]
        if not overlapping:
            chosen.append(finding)
        elif len(overlapping) == 1:
            kept = overlapping[0]
            chosen.remove(kept)
            start, end = min(kept.start, finding.start), max(kept.end, finding.end)
            chosen.append(Finding(start, end, kept.kind))
    merged: list[Finding] = []
    for finding in sorted(chosen, key=lambda f: f.start):
        if merged and finding.start < merged[-1].end:
            last = merged.pop()
            winner = min(last, finding, key=lambda f: _PRECEDENCE[f.kind])
            finding = Finding(last.start, max(last.end, finding.end), winner.kind)
        merged.append(finding)
    return merged

"""Release version strings: semantic versions only, never anything that could become a path."""

from __future__ import annotations

import re

from ..errors import UsageError

_NUMBER = r"(?:0|[1-9]\d*)"
_PRERELEASE_ID = r"(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)"
SEMVER = re.compile(rf"^({_NUMBER})\.({_NUMBER})\.({_NUMBER})(?:-({_PRERELEASE_ID}(?:\.{_PRERELEASE_ID})*))?$")


def check_version(version: str) -> str:
    """Return ``version`` if it is MAJOR.MINOR.PATCH[-prerelease], else raise UsageError saying why.

    Anything with a path separator, '..' or a leading '/' is refused before the semver check so
    that the message names the real problem: a version is also a folder name and a git tag.
    """
    if not version:
        raise UsageError("empty release version: give MAJOR.MINOR.PATCH, e.g. 1.2.0")
    if "/" in version or "\\" in version or ".." in version or version.startswith("."):
        raise UsageError(
            f"release version {version!r} contains a path separator or '..': "
            "a version is a folder name, give MAJOR.MINOR.PATCH such as 1.2.0"
        )
    if SEMVER.match(version):
        return version
    hint = ""
    if version[:1] in "vV" and SEMVER.match(version[1:]):
        hint = f" (write {version[1:]}: the tag v{version[1:]} is added when publishing)"
    elif re.fullmatch(r"\d+(\.\d+)?", version):
        hint = " (all three parts are needed, e.g. 1.2 -> 1.2.0)"
    raise UsageError(f"release version {version!r} is not a semantic version MAJOR.MINOR.PATCH such as 1.2.0{hint}")


def is_version(name: str) -> bool:
    return bool(SEMVER.match(name))


def version_key(version: str) -> tuple:
    """Semantic-version precedence: 1.10.0 > 1.9.0, and 1.0.0-rc.1 < 1.0.0."""
    match = SEMVER.match(version)
    if not match:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch, pre = match.groups()
    core = (int(major), int(minor), int(patch))
    if pre is None:
        return (*core, 1, ())
    ids = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))
    return (*core, 0, ids)

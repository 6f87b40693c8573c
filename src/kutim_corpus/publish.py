"""`kutim publish`: put a verified release on the Hugging Face Hub or into a local git dataset repo.

Both targets mirror the Hub layout: old shards are removed (``delete_patterns=["data/*"]``),
the release files are committed, and the commit is tagged ``vX.Y.Z`` so users can pin
``revision="vX.Y.Z"``. A tag that already exists is never moved.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .release import verify_release
from .release.build import MANIFEST, SIDE_FILES, SUMS

REPO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
DELETE_PATTERNS = ["data/*"]
RELEASE_PATHS = ("data", *SIDE_FILES, MANIFEST, SUMS)
FALLBACK_IDENTITY = ("kutim release", "kutim-release@localhost")


class PublishError(Exception):
    """The target refused or could not be reached: exit 1 with the reason."""


@dataclass
class HubPlan:
    repo_id: str
    version: str
    folder: Path
    files: list[str]
    delete_patterns: list[str] = field(default_factory=lambda: list(DELETE_PATTERNS))

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def commit_message(self) -> str:
        return f"Release {self.version}"

    def render(self) -> str:
        lines = [
            f"Publish {self.folder} to https://huggingface.co/datasets/{self.repo_id}",
            f"1. create_repo({self.repo_id!r}, repo_type='dataset', exist_ok=True)",
            f"2. refuse if tag {self.tag} exists already",
            f"3. upload_folder(commit_message={self.commit_message!r}, delete_patterns={self.delete_patterns!r}) with {len(self.files)} files:",
            *[f"     {name}" for name in self.files],
            f"4. create_tag({self.tag!r}) on that commit",
            f"Users then load it with load_dataset({self.repo_id!r}, revision={self.tag!r}).",
        ]
        return "\n".join(lines)


def checked_release(folder: Path) -> dict:
    """The manifest of ``folder`` after a full verify; refuse to publish anything damaged."""
    report = verify_release(folder)
    if not report.ok:
        problems = "; ".join(report.problems[:5])
        raise UsageError(f"{folder} fails `kutim release verify` ({problems}): rebuild it with a new version")
    return json.loads((folder / MANIFEST).read_text("utf-8"))


def release_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def hub_plan(folder: Path, repo_id: str) -> HubPlan:
    if not REPO_ID.match(repo_id) or ".." in repo_id:
        raise UsageError(f"--repo {repo_id!r} is not ORG/NAME (e.g. kutim-corpus/kutim-news)")
    manifest = checked_release(folder)
    return HubPlan(repo_id, manifest["version"], folder, release_files(folder))


def hub_token(explicit: str | None = None) -> str | None:
    if explicit:
        return explicit
    from huggingface_hub import get_token

    return get_token()


def publish_to_hub(plan: HubPlan, token: str | None, api=None) -> str:
    """Upload and tag; returns the commit URL. ``api`` is an HfApi (injected in tests)."""
    if api is None:
        if not token:
            raise UsageError(
                "no Hugging Face token: run `hf auth login`, set HF_TOKEN or pass --token "
                "(use --dry-run to see the plan without one)"
            )
        from huggingface_hub import HfApi

        api = HfApi(token=token)
    from huggingface_hub.errors import HfHubHTTPError

    try:
        api.create_repo(plan.repo_id, repo_type="dataset", exist_ok=True)
        tags = {ref.name for ref in api.list_repo_refs(plan.repo_id, repo_type="dataset").tags}
        if plan.tag in tags:
            raise UsageError(f"tag {plan.tag} already exists on {plan.repo_id}: published releases are immutable, bump the version")
        commit = api.upload_folder(
            folder_path=str(plan.folder), repo_id=plan.repo_id, repo_type="dataset",
            commit_message=plan.commit_message, delete_patterns=plan.delete_patterns,
            allow_patterns=plan.files,
        )
        api.create_tag(plan.repo_id, tag=plan.tag, revision=commit.oid, repo_type="dataset",
                       tag_message=f"kutim-corpus {plan.version}")
    except (HfHubHTTPError, OSError) as error:
        raise PublishError(f"the Hub refused or could not be reached ({error}); check the token's write access and the network, then run again") from None
    return commit.commit_url


# --- local git dataset repository ---------------------------------------------------------------

@dataclass
class GitOutcome:
    repo: Path
    tag: str
    commit: str
    status: str  # "published" | "identical"


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed in {repo}: {result.stderr.strip()}")
    return result


def _prepare_repo(repo: Path) -> None:
    if shutil.which("git") is None:
        raise UsageError("git is not installed: install git or publish with --repo")
    if repo.exists() and not repo.is_dir():
        raise UsageError(f"--git {repo} is a file, not a folder")
    if not repo.exists() or not any(repo.iterdir()):
        repo.mkdir(parents=True, exist_ok=True)
        _git(repo, "init", "-q")
        return
    top = _git(repo, "rev-parse", "--show-toplevel", check=False)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != repo.resolve():
        raise UsageError(f"--git {repo} is not the top of a git repository: give an empty folder or a dataset repo")


def publish_to_git(folder: Path, repo: Path) -> GitOutcome:
    """Commit the release into ``repo`` (created if missing or empty) and tag it vX.Y.Z."""
    manifest = checked_release(folder)
    tag = f"v{manifest['version']}"
    _prepare_repo(repo)
    if _git(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag}", check=False).returncode == 0:
        return _existing_tag(repo, tag, manifest)
    if _git(repo, "status", "--porcelain").stdout.strip():
        raise UsageError(f"{repo} has uncommitted changes: commit or remove them before publishing")
    _git(repo, "rm", "-r", "-q", "--ignore-unmatch", "--", *DELETE_PATTERNS, *RELEASE_PATHS[1:])
    for name in release_files(folder):
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / name, target)
    _git(repo, "add", "--all", "--", *RELEASE_PATHS)
    identity = _identity(repo)
    _git(repo, *identity, "commit", "-q", "--allow-empty", "-m", f"Release {manifest['version']}")
    _git(repo, *identity, "tag", "-a", tag, "-m", f"kutim-corpus {manifest['version']}")
    commit = _git(repo, "rev-parse", "HEAD").stdout.strip()
    return GitOutcome(repo, tag, commit, "published")


def _existing_tag(repo: Path, tag: str, manifest: dict) -> GitOutcome:
    shown = _git(repo, "show", f"{tag}:{MANIFEST}", check=False)
    commit = _git(repo, "rev-list", "-n", "1", tag).stdout.strip()
    try:
        tagged = json.loads(shown.stdout) if shown.returncode == 0 else {}
    except json.JSONDecodeError:
        tagged = {}
    if tagged.get("content_fingerprint") == manifest["content_fingerprint"]:
        return GitOutcome(repo, tag, commit, "identical")
    raise UsageError(f"tag {tag} already exists in {repo} with other content: tags are never moved, bump the version")


def _identity(repo: Path) -> list[str]:
    """Use the repository's git identity; fall back to a fixed one where none is configured."""
    configured = _git(repo, "config", "user.email", check=False).stdout.strip()
    env = os.environ.get("GIT_AUTHOR_EMAIL") or os.environ.get("GIT_COMMITTER_EMAIL")
    if configured or env:
        return []
    name, email = FALLBACK_IDENTITY
    return ["-c", f"user.name={name}", "-c", f"user.email={email}"]

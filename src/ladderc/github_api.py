"""One sticky pull-request comment through the GitHub REST API: posted once, then updated in place.

The Action runs `ladderc diff --format markdown` on every push to a pull request; a new comment
each time would bury the conversation. The comment carries a hidden marker (`MARKER`, with the
ladder path so two ladders can keep two comments); `sticky_comment` pages through the pull
request's comments for it and PATCHes that one, or POSTs a new one. Only the standard library
talks HTTP (`urllib`); the API address comes from `$GITHUB_API_URL` as on GitHub Enterprise.
Every failure is a `UsageError` naming the request and GitHub's message: exit 2, one line.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from ladderc.errors import UsageError

MARKER = "<!-- ladderc diff: {key} -->"
COMMENT_LIMIT = 65_536  # characters GitHub accepts in a comment body
TIMEOUT = 30


@dataclass(frozen=True)
class PullRequest:
    api: str  # e.g. https://api.github.com
    repository: str  # owner/name
    number: int
    token: str


def _request(pr: PullRequest, method: str, url: str, body: dict | None = None) -> tuple[Any, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Accept": "application/vnd.github+json", "Authorization": f"Bearer {pr.token}",
        "X-GitHub-Api-Version": "2022-11-28", "Content-Type": "application/json", "User-Agent": "ladderc"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return json.loads(response.read() or b"null"), dict(response.headers)
    except urllib.error.HTTPError as error:
        try:
            why = json.loads(error.read()).get("message", "")
        except (ValueError, AttributeError):
            why = ""
        raise UsageError(f"GitHub API: {method} {url} answered {error.code} {error.reason}"
                         + (f": {why}" if why else "")) from None
    except (urllib.error.URLError, OSError) as error:
        raise UsageError(f"GitHub API: {method} {url} failed: {getattr(error, 'reason', error)}") from None


def _next_page(headers: dict) -> str | None:
    link = next((v for k, v in headers.items() if k.lower() == "link"), "")
    found = re.search(r'<([^>]+)>;\s*rel="next"', link)
    return found.group(1) if found else None


def find_comment(pr: PullRequest, marker: str) -> int | None:
    """The id of the pull request's comment holding `marker`, if any (every page is read)."""
    url: str | None = f"{pr.api}/repos/{pr.repository}/issues/{pr.number}/comments?per_page=100"
    while url:
        comments, headers = _request(pr, "GET", url)
        for comment in comments or []:
            if marker in (comment.get("body") or ""):
                return int(comment["id"])
        url = _next_page(headers)
    return None


def sticky_comment(pr: PullRequest, body: str, key: str) -> tuple[str, str]:
    """Post `body` as the pull request's ladderc comment for `key`, or update it; ("created" | "updated", its URL)."""
    marker = MARKER.format(key=key.replace("--", "- -"))  # a key cannot close the HTML comment early
    text = f"{marker}\n{body}"
    if len(text) > COMMENT_LIMIT:
        raise UsageError(f"the comment is {len(text):,} characters, over GitHub's {COMMENT_LIMIT:,}; "
                         "make the report with `ladderc diff --format markdown --max-bytes 60000`")
    existing = find_comment(pr, marker)
    if existing is None:
        made, _ = _request(pr, "POST", f"{pr.api}/repos/{pr.repository}/issues/{pr.number}/comments", {"body": text})
        return "created", made.get("html_url", "")
    made, _ = _request(pr, "PATCH", f"{pr.api}/repos/{pr.repository}/issues/comments/{existing}", {"body": text})
    return "updated", made.get("html_url", "")

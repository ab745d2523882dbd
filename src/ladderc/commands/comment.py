"""`ladderc comment REPORT`: post a diff report as the pull request's one sticky comment, or update it.

Meant for CI (the Action runs it): the repository, the pull request and the token come from the
options or from GitHub Actions' environment. See `ladderc.github_api`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HELP = "post a diff report (markdown) as the pull request's sticky comment, or update it in place"


def add_arguments(parser) -> None:
    parser.add_argument("report", type=Path, help="the markdown report, from `ladderc diff --format markdown`")
    parser.add_argument("--repository", default=os.environ.get("GITHUB_REPOSITORY", ""), metavar="OWNER/NAME",
                        help="default: $GITHUB_REPOSITORY")
    parser.add_argument("--pull-request", type=int, default=None, metavar="N",
                        help="the pull request's number (default: from $GITHUB_EVENT_PATH)")
    parser.add_argument("--key", default="ladders", help="which sticky comment: one per key (default: ladders)")
    parser.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL", "https://api.github.com"),
                        help="default: $GITHUB_API_URL, else https://api.github.com")


def _pull_request_number() -> int | None:
    import json

    event = os.environ.get("GITHUB_EVENT_PATH")
    if not event or not Path(event).is_file():
        return None
    number = (json.loads(Path(event).read_text(encoding="utf-8")).get("pull_request") or {}).get("number")
    return int(number) if number else None


def run(args) -> int:
    from ladderc.errors import UsageError
    from ladderc.github_api import PullRequest, sticky_comment

    token = os.environ.get("GITHUB_TOKEN", "")
    number = args.pull_request or _pull_request_number()
    missing = [name for name, value in (("--repository (or $GITHUB_REPOSITORY)", args.repository),
                                        ("--pull-request (or a pull_request event)", number),
                                        ("$GITHUB_TOKEN", token)) if not value]
    if missing:
        raise UsageError(f"cannot comment: missing {', '.join(missing)}")
    try:
        body = args.report.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read {args.report}: {error.strerror or error}") from None
    done, url = sticky_comment(PullRequest(args.api_url.rstrip("/"), args.repository, number, token), body, args.key)
    sys.stdout.write(f"ladderc: comment {done}{': ' + url if url else ''}\n")
    return 0

"""`ladderc comment REPORT`: post a diff report as the pull request's one sticky comment, or update it.

Meant for CI (the Action runs it): the repository, the pull request and the token come from the
options or from GitHub Actions' environment (`ladderc.review.post`). See `ladderc.github_api`.
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


def run(args) -> int:
    from ladderc.review import post

    done, url = post(args.report, args.repository, args.pull_request, args.api_url, args.key)
    sys.stdout.write(f"ladderc: comment {done}{': ' + url if url else ''}\n")
    return 0

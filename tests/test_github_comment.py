"""`ladderc comment`: the sticky pull-request comment, against a fake GitHub API on 127.0.0.1 (never the network).

The fake answers like GitHub's REST API (issue comments listed 100 a page with a `Link` header,
created with POST, edited with PATCH, 401 for a bad token) and records every request.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import run

TOKEN = "test-token"


class FakeGitHub(ThreadingHTTPServer):
    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.comments = [{"id": 1000 + i, "body": f"comment {i}", "html_url": f"https://github.test/c/{1000 + i}"}
                         for i in range(120)]  # more than a page: the sticky comment may be on page 2
        self.requests: list[tuple[str, str, dict | None]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: FakeGitHub

    def log_message(self, *args):  # quiet
        pass

    def _answer(self, status: int, body, headers: dict | None = None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def _handle(self, method: str):
        body = self._body()
        url = urlparse(self.path)
        self.server.requests.append((method, url.path + (f"?{url.query}" if url.query else ""), body))
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._answer(401, {"message": "Bad credentials"})
        if method == "GET" and url.path == "/repos/acme/ladders/issues/7/comments":
            page = int(parse_qs(url.query).get("page", ["1"])[0])
            chunk = self.server.comments[(page - 1) * 100:page * 100]
            more = page * 100 < len(self.server.comments)
            link = {"Link": f'<{self.server.url}{url.path}?per_page=100&page={page + 1}>; rel="next"'} if more else {}
            return self._answer(200, chunk, link)
        if method == "POST" and url.path == "/repos/acme/ladders/issues/7/comments":
            comment = {"id": 5000 + len(self.server.comments), "body": body["body"]}
            comment["html_url"] = f"https://github.test/c/{comment['id']}"
            self.server.comments.append(comment)
            return self._answer(201, comment)
        if method == "PATCH" and url.path.startswith("/repos/acme/ladders/issues/comments/"):
            ident = int(url.path.rsplit("/", 1)[1])
            comment = next(c for c in self.server.comments if c["id"] == ident)
            comment["body"] = body["body"]
            return self._answer(200, comment)
        return self._answer(404, {"message": "Not Found"})

    def do_GET(self):
        self._handle("GET")

    def do_POST(self):
        self._handle("POST")

    def do_PATCH(self):
        self._handle("PATCH")


@pytest.fixture
def github(monkeypatch):
    server = FakeGitHub()
    # a short poll: shutdown() waits for the server loop's next look (half a second by default)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.setenv("GITHUB_API_URL", server.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/ladders")
    yield server
    server.shutdown()
    server.server_close()


def comment(capsys, report, *extra):
    return run(capsys, "comment", str(report), "--pull-request", "7", *extra)  # the API from $GITHUB_API_URL


def test_posts_once_then_updates_the_same_comment(github, capsys, tmp_path):
    report = tmp_path / "report.md"
    report.write_text("## ladderc diff: first\n")
    code, out, err = comment(capsys, report)
    assert (code, err) == (0, "")
    made = github.comments[-1]
    assert out == f"ladderc: comment created: {made['html_url']}\n"
    assert made["body"] == "<!-- ladderc diff: ladders -->\n## ladderc diff: first\n"
    assert [(m, p) for m, p, _ in github.requests] == [
        ("GET", "/repos/acme/ladders/issues/7/comments?per_page=100"),
        ("GET", "/repos/acme/ladders/issues/7/comments?per_page=100&page=2"),
        ("POST", "/repos/acme/ladders/issues/7/comments")]

    github.requests.clear()
    report.write_text("## ladderc diff: second\n")
    code, out, _ = comment(capsys, report)
    assert code == 0 and out == f"ladderc: comment updated: {made['html_url']}\n"
    assert len(github.comments) == 121 and made["body"] == "<!-- ladderc diff: ladders -->\n## ladderc diff: second\n"
    assert [m for m, _, _ in github.requests] == ["GET", "GET", "PATCH"]
    assert github.requests[-1][1] == f"/repos/acme/ladders/issues/comments/{made['id']}"


def test_each_key_keeps_its_own_comment(github, capsys, tmp_path):
    report = tmp_path / "report.md"
    report.write_text("report\n")
    assert comment(capsys, report, "--key", "ladders/acme")[0] == 0
    assert comment(capsys, report, "--key", "ladders/beta")[0] == 0
    assert [c["body"].splitlines()[0] for c in github.comments[-2:]] == [
        "<!-- ladderc diff: ladders/acme -->", "<!-- ladderc diff: ladders/beta -->"]


def test_api_errors_and_missing_settings_are_one_line(github, capsys, tmp_path, monkeypatch):
    report = tmp_path / "report.md"
    report.write_text("report\n")
    monkeypatch.setenv("GITHUB_TOKEN", "wrong")
    code, out, err = comment(capsys, report)
    assert (code, out) == (2, "")
    assert err == (f"ladderc: GitHub API: GET {github.url}/repos/acme/ladders/issues/7/comments?per_page=100 "
                   "answered 401 Unauthorized: Bad credentials\n")
    monkeypatch.delenv("GITHUB_TOKEN")
    code, _, err = comment(capsys, report)
    assert (code, err) == (2, "ladderc: cannot comment: missing $GITHUB_TOKEN\n")


def test_a_report_over_the_comment_limit_is_refused_before_any_request(github, capsys, tmp_path):
    report = tmp_path / "report.md"
    report.write_text("x" * 70_000)
    code, _, err = comment(capsys, report)
    assert code == 2 and "over GitHub's 65,536" in err and github.requests == []

"""Open a viewer page in headless Chromium, offline, for the browser tests, the benchmark and screenshots.

Needs the ``playwright`` Python package (a test dependency) and a system Chromium; playwright's own
browser download is never used. Every request that is not ``file:`` or ``data:`` is aborted and
recorded, so a page that tries to reach the network is caught rather than silently served.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class PageLog:
    """What a page did besides drawing: blocked requests, console errors, page errors, dialogs."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextlib.contextmanager
def chromium_context(executable: str = CHROMIUM, viewport: tuple[int, int] = (1400, 900)) -> Iterator[Any]:
    """A fresh persistent Chromium context (new user-data-dir), closed on exit."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile, sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": viewport[0], "height": viewport[1]},
        )
        try:
            yield ctx
        finally:
            ctx.close()


def watch(page: Any) -> PageLog:
    """Block and record every non-local request; collect console errors, page errors and dialogs."""
    log = PageLog()

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:")):
            r.continue_()
        else:
            log.blocked.append(url)
            r.abort()

    def on_dialog(d: Any) -> None:
        log.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.route("**/*", route)
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    page.on("dialog", on_dialog)
    # requests that bypass routing (e.g. a service worker's) still show up here
    page.on("request", lambda rq: None if rq.url.startswith(("file:", "data:")) or rq.url in log.blocked
            else log.blocked.append(rq.url))
    return log


def load(page: Any, path: str | os.PathLike[str], timeout_s: float = 60.0) -> float:
    """Open ``path`` and wait until the viewer says it has drawn; returns seconds from navigation."""
    t0 = time.perf_counter()
    page.goto(Path(path).resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
    # a selector, not wait_for_function: the page's CSP forbids the eval that the latter polls with
    page.wait_for_selector("body[data-ready='true']", state="attached", timeout=timeout_s * 1000)
    return time.perf_counter() - t0


def page_timings(page: Any) -> dict[str, float]:
    """The page's own clock (ms since navigation start): when layout settled and the frame was drawn."""
    stats = page.evaluate("window.kgStats")
    return {"settle_ms": stats.get("settleMs") or 0.0, "ready_ms": stats.get("readyMs") or 0.0}

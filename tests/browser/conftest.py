"""Browser tests: headless Chromium (Playwright) against the live explorer, with axe-core.

They need three things this machine may not have: the Debian Chromium at /usr/bin/chromium,
the `playwright` package (dev extras) and axe-core (`npm ci --prefix tests/browser`). Without
one of them every test marked `browser` is skipped, with the reason.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from koers import knowledge

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# Without the background-networking flags Chromium reaches for the (closed) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def missing() -> str:
    """Why the browser tests cannot run here, or "" when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not AXE.is_file():
        return f"no axe-core at {AXE} (npm ci --prefix tests/browser)"
    return ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = missing()
    if not reason:
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=f"browser test: {reason}"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django then refuses database
    # calls (the live server's flush between tests) unless told they are safe, which they are.
    # Module scope: the loop (and this setting) are gone before other tests run.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def labelled_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures imported with the Dutch skill names (the labels-only file)."""
    from koers.taxonomy import import_esco
    from tests.conftest import with_skill_labels

    path = tmp_path_factory.mktemp("labelled-data")
    taxonomy, _ = import_esco(with_skill_labels())
    knowledge.save(taxonomy, path)
    return path


@pytest.fixture
def labelled_data_dir(data_dir: Path, labelled_template: Path) -> Path:
    """KOERS_DATA_DIR with the Dutch skill names, for tests that find skills in Dutch (a copy)."""
    shutil.copytree(labelled_template, data_dir)
    return data_dir


@pytest.fixture
def explorer(live_server: LiveServer, imported_data_dir: Path, settings: Settings) -> Iterator[str]:
    """The live explorer's address, serving the imported fixtures (same process, other thread)."""
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    knowledge.forget()
    yield live_server.url
    knowledge.forget()


NewPage = Callable[..., "Page"]


@pytest.fixture
def new_page(browser: Browser) -> Iterator[NewPage]:
    """Pages in fresh contexts (CSP bypassed so that axe can be injected); closed afterwards."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> Page:
        options = {"viewport": PHONE, "bypass_csp": True, **options}
        context = browser.new_context(**options)
        # 20 s: on a busy 2-core machine a worker's first English next-steps page took over
        # 10 s (the ranking and the pages warm up), and a test then failed without a fault.
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()

"""textual-serve's application with goaltui's guard, in this process, with a recording stand-in for each tab's app."""

from __future__ import annotations

import asyncio
import io
import shlex
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from goaltui.serve.guard import FailedAttempts, Guard
from goaltui.serve.origin import Addresses
from goaltui.serve.server import GoalServer

TOKEN = "a-token-long-enough-for-tests-0123456789"
RECORDING_APP = Path(__file__).parent / "recording_app.py"


class Ticks:
    """A clock for the rate limit that the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def no_token_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOALTUI_TOKEN", raising=False)


@pytest.fixture
def record(tmp_path: Path) -> Path:
    """What the tabs' app processes were started with and sent, one line each (see recording_app.py)."""
    return tmp_path / "apps.txt"


def lines(record: Path) -> list[str]:
    return record.read_text().splitlines() if record.exists() else []


async def until(check: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    """Wait for ``check`` to hold, up to a generous ``limit`` in seconds, letting the server run meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"waited {limit:.0f} s for {what}")
        await asyncio.sleep(0.05)


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def guard(ticks: Ticks) -> Guard:
    return Guard(TOKEN, Addresses("127.0.0.1"), attempts=FailedAttempts(clock=ticks))


def goal_server(record: Path, guard: Guard, url: str = "http://127.0.0.1:8000") -> GoalServer:
    """The server, its tabs' apps the recording stand-in; one tab at a time."""
    command = shlex.join([sys.executable, str(RECORDING_APP), str(record)])
    return GoalServer(
        command, host="127.0.0.1", port=8000, url=url, guard=guard, banner="", out=io.StringIO(), max_tabs=1
    )


@pytest.fixture
def server(record: Path, guard: Guard) -> GoalServer:
    return goal_server(record, guard)


@pytest.fixture
async def client(server: GoalServer) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(await server._make_app())) as client:
        yield client
        await until(lambda: server.tabs.open == 0, "every tab's app to end")  # each test closes its tabs
        await until(lambda: not app_processes(), "every app process reaped")  # before the loop closes


def app_processes() -> list[int]:
    """This process's children: the tabs' app processes, until they are reaped."""
    return [int(pid) for task in Path("/proc/self/task").iterdir() for pid in (task / "children").read_text().split()]

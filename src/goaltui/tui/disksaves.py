"""The app's saves: goals.toml edits, a review's file and decisions, and the theme chosen (config.toml).

Each runs in a worker under the data folder's lock (the config under its
own); on the app's thread the screen that asked hears one SaveAnswered naming its
request (the result, or the problem in one line), and every other screen
hears GoalsChanged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from goaltui.lang import N_, _
from goaltui.store.goalsfile import Edit, GoalsFileError
from goaltui.tui.diskwork import DiskWork
from goaltui.tui.messages import GoalsChanged, SaveAnswered, tell_screens

if TYPE_CHECKING:  # the review code loads when first used, not at every start
    from textual.message_pump import MessagePump

    from goaltui.model.decisions import Decision
    from goaltui.model.review import Review

T = TypeVar("T")


class Saving(DiskWork):
    """The saves part of Disk."""

    def _start_saves(self) -> None:
        self._config_lock = threading.Lock()  # one config write at a time
        self._requests = 0  # the number of the last save asked for

    def save_goals(self, edit: Edit, *, asker: MessagePump) -> int | None:
        """Apply ``edit`` to goals.toml (over any edit made by hand meanwhile). ``asker`` (the screen) is told the
        outcome with one SaveAnswered naming the request returned here; None when nothing may be written here."""
        write = partial(self.tracker.save_goals, edit)
        not_saved = N_("goals.toml was not saved: {error}")
        return self._save("goals.toml", not_saved, write, asker, changed_goals=lambda _result: True)

    def save_review(
        self, review: Review, notes: dict[str, str], decisions: dict[str, Decision], *, today: date, asker: MessagePump
    ) -> int | None:
        """Write the review's file and apply its decisions to goals.toml; told as :meth:`save_goals` tells."""
        from goaltui.store.reviews import save_review

        data_dir, update = self.tracker.data_dir, self.tracker.save_goals
        write = partial(save_review, data_dir, review, notes, decisions, today, update=update)
        not_saved = N_("The review was not saved: {error}")
        return self._save("The review", not_saved, write, asker, changed_goals=lambda result: bool(result.applied))

    def _save(
        self,
        what: str,
        not_saved: str,
        write: Callable[[], T],
        asker: MessagePump,
        *,
        changed_goals: Callable[[T], bool],
    ) -> int | None:
        """Run ``write`` under the lock in a worker; on the app's thread, answer ``asker`` with its request.

        ``what`` names the file in a crash report; ``not_saved`` (marked, with ``{error}``) tells a failure.
        """
        if self.refused():
            return None

        from goaltui.model.review import ReviewError
        from goaltui.store.reviews import ReviewFileError

        self._requests += 1
        request = self._requests

        def work() -> None:
            try:
                with self._lock:
                    result = write()
            except (GoalsFileError, ReviewError, ReviewFileError) as err:
                self.app.call_from_thread(self._not_saved, asker, request, str(err))
            except OSError as err:
                problem = _(not_saved).format(error=err.strerror or err)
                self.app.call_from_thread(self._not_saved, asker, request, problem)
            except Exception as err:  # a bug: said like any failed save, so the screen can try again
                from goaltui.store.crash import report

                problem = _(not_saved).format(error=report(err, what))
                self.app.call_from_thread(self._not_saved, asker, request, problem)
            else:
                self.app.call_from_thread(self._saved, asker, request, result, changed_goals(result))

        self._run(work, "saves")
        return request

    def _saved(self, asker: MessagePump, request: int, result: object, changed_goals: bool) -> None:
        asker.post_message(SaveAnswered(request, result=result))
        if changed_goals:  # the asker knows from its answer; every other screen from this
            tell_screens(self.app, GoalsChanged, but=asker)

    def _not_saved(self, asker: MessagePump, request: int, problem: str) -> None:
        asker.post_message(SaveAnswered(request, problem=problem))
        self.poll()  # look at the files again: the screens show what is on disk now

    # --- the config ------------------------------------------------------------------

    def save_theme(self) -> None:
        """Save the app's current theme in config.toml so the next start uses it."""
        self._run(self._save_theme, "config")

    def _save_theme(self) -> None:
        from goaltui.store.config import ConfigError
        from goaltui.tui.themes import remember_theme

        with self._config_lock:  # one write at a time, always of the latest choice
            try:
                remember_theme(self.app.theme)
            except (ConfigError, OSError) as err:
                message = str(err) if isinstance(err, ConfigError) else f"{err.filename or 'config'}: {err.strerror}"
                self.app.call_from_thread(
                    self.app.notify, message, title=_("Theme not saved"), severity="warning", timeout=8
                )

"""The app's saves: goals.toml edits, a review's file and decisions, and the theme chosen (config.toml).

Each runs in a worker under the data folder's lock (the config under its
own); on the app's thread the screen that asked hears ``saved`` or
``failed``, in one line, and every screen hears that the goals changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from goaltui.store.goalsfile import Edit, GoalsFileError, Saved
from goaltui.tui.diskwork import DiskWork
from goaltui.tui.messages import GoalsChanged, tell_screens

if TYPE_CHECKING:  # the review code loads when first used, not at every start
    from goaltui.model.decisions import Decision
    from goaltui.model.review import Review
    from goaltui.store.reviews import SaveResult

T = TypeVar("T")


class Saving(DiskWork):
    """The saves part of Disk."""

    def _start_saves(self) -> None:
        self._config_lock = threading.Lock()  # one config write at a time

    def save_goals(self, edit: Edit, *, saved: Callable[[Saved], None], failed: Callable[[str], None]) -> None:
        """Apply ``edit`` to goals.toml (over any edit made by hand meanwhile); then ``saved`` or ``failed``."""
        write = partial(self.tracker.save_goals, edit)
        self._save("goals.toml", write, saved, failed, changed_goals=lambda _: True)

    def save_review(
        self,
        review: Review,
        notes: dict[str, str],
        decisions: dict[str, Decision],
        *,
        today: date,
        saved: Callable[[SaveResult], None],
        failed: Callable[[str], None],
    ) -> None:
        """Write the review's file and apply its decisions to goals.toml; then ``saved`` or ``failed``."""
        from goaltui.store.reviews import save_review

        data_dir, update = self.tracker.data_dir, self.tracker.save_goals
        write = partial(save_review, data_dir, review, notes, decisions, today, update=update)
        self._save("The review", write, saved, failed, changed_goals=lambda result: bool(result.applied))

    def _save(
        self,
        what: str,
        write: Callable[[], T],
        saved: Callable[[T], None],
        failed: Callable[[str], None],
        *,
        changed_goals: Callable[[T], bool],
    ) -> None:
        """Run ``write`` under the lock in a worker; on the app's thread, ``saved(result)`` or ``failed(words)``."""
        if self.refused():
            return

        from goaltui.model.review import ReviewError
        from goaltui.store.reviews import ReviewFileError

        def work() -> None:
            try:
                with self._lock:
                    result = write()
            except (GoalsFileError, ReviewError, ReviewFileError) as err:
                self.app.call_from_thread(self._not_saved, failed, str(err))
            except OSError as err:
                self.app.call_from_thread(self._not_saved, failed, f"{what} was not saved: {err.strerror or err}")
            except Exception as err:  # a bug: said like any failed save, so the screen can try again
                from goaltui.store.crash import report

                self.app.call_from_thread(self._not_saved, failed, f"{what} was not saved: {report(err, what)}")
            else:
                self.app.call_from_thread(self._saved, saved, result, changed_goals(result))

        self._run(work, "saves")

    def _saved(self, saved: Callable[[T], None], result: T, changed_goals: bool) -> None:
        saved(result)
        if changed_goals:
            tell_screens(self.app, lambda: GoalsChanged(ours=True))

    def _not_saved(self, failed: Callable[[str], None], message: str) -> None:
        failed(message)
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
                    self.app.notify, message, title="Theme not saved", severity="warning", timeout=8
                )

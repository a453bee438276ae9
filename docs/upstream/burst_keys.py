"""Keys that arrive in one burst go to the screen that was there, not the one a key opened.

Run it in tmux, then send "n" and a word in one write, as a slow SSH link or a paste does:

    tmux new -d -s burst "python burst_keys.py"; tmux send-keys -t burst -l nhello

Expected: the new screen's Input holds "hello". Seen on Textual 8.2.8: it is empty (the keys read with "n"
were handed to the first screen before the binding's push_screen had mounted the new one).
goaltui works around it in goaltui/tui/keyorder.py by sending one key at a time.
"""

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Label


class Form(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="name")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


class Burst(App[None]):
    BINDINGS = [("n", "new", "New")]

    def compose(self) -> ComposeResult:
        yield Label("n opens a form; type the rest in the same burst")

    def action_new(self) -> None:
        self.push_screen(Form())


if __name__ == "__main__":
    Burst().run()

"""goaltui in Swedish against goaltui in English: the catalog and the locale's forms must cost next to nothing.

python -m bench.lang start sv|en DATA_DIR   the app's first full frame in that language
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.run import BARE_TAP, PY, Row, env_for, line_written, make_data, side_by_side, timed


def first_frame(code: str, data: Path) -> None:
    """Choose the language as `goaltui` does (from LANG), start, draw the first full frame, exit."""
    from goaltui import lang

    lang.use_choice(lang.choose())
    from bench.screens import first_frame as draw

    draw("goaltui", data)
    assert lang.CURRENT.code == code, f"spoke {lang.CURRENT.code}, not {code}"


def _in(env: dict[str, str], code: str) -> dict[str, str]:
    return {**env, "LANG": "sv_SE.UTF-8" if code == "sv" else "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def bench_swedish(root: Path, runs: int) -> list[Row]:
    data = make_data(root, "lang-week", 7)
    env = env_for(root, data)
    env.pop("GOALTUI_NOW")  # a tap as typed: the quick path
    goaltui = [str(Path(PY).parent / "goaltui"), "log", "p"]

    def tap(code: str) -> float:
        ms = timed(goaltui, _in(env, code))
        line_written(data, env)
        return ms

    english, swedish = side_by_side(lambda: tap("en"), lambda: tap("sv"), runs)
    bare = root / "lang-bare" / "2026-12.toml"
    bare.parent.mkdir()
    base, alone = side_by_side(lambda: timed([PY, "-c", BARE_TAP.format(path=str(bare))], env), lambda: tap("sv"), runs)

    start_data = make_data(root, "lang-5y", 5 * 365)
    start_env = env_for(root, start_data)

    def start(code: str) -> float:
        return timed([PY, "-m", "bench.lang", "start", code, str(start_data)], _in(start_env, code))

    frame_en, frame_sv = side_by_side(lambda: start("en"), lambda: start("sv"), runs)
    return [
        Row("goaltui log p, in Swedish", "the same, in English", swedish, english, 1.1),
        Row("goaltui log p, in Swedish", "python -c: O_APPEND, write one line, fsync", alone, base, 1.5),
        Row("app start to first frame, 5 years, in Swedish", "the same, in English", frame_sv, frame_en, 1.1),
    ]


BENCHES = {"swedish": bench_swedish}

if __name__ == "__main__":
    first_frame(sys.argv[2], Path(sys.argv[3]))

"""Pure domain: goals, windows, pace, funnel, SMART check, reviews. No I/O, no clock, no Textual."""

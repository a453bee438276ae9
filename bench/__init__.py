"""goaltui's benchmarks, each side by side with a baseline doing the same physical work: ``python -m bench``."""

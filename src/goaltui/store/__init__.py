"""Files: locations, goals.toml, the tap log, caches, config. No Textual."""

"""Screen widths the layouts change at."""

NARROW = 60  # columns: below, a phone's layout (counters two by two, the key bar on two lines)

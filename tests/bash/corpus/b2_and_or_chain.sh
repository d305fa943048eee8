[ -f data/words.txt ] && grep -q apple data/words.txt && echo both || echo neither

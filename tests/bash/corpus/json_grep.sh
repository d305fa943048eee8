grep -o '"version": "[^"]*"' src/lib/config.json | cut -d'"' -f4

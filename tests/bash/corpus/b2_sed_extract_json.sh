sed -n 's/.*"name": "\(.*\)".*/\1/p' src/lib/config.json

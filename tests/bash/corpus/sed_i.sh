sed -i 's/demo/sample/g' src/lib/config.json; cat src/lib/config.json

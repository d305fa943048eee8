tr -s ' ' '\n' < docs/README.md | tr A-Z a-z | grep -v '^$' | sort | uniq -c | sort -rn | head -5

awk_free=$(grep -c ERROR data/app.log); echo "errors=$awk_free"; grep ERROR data/app.log | cut -d' ' -f5 | tr '\n' ' '; echo

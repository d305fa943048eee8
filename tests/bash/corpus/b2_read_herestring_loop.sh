text=$'one\ntwo\nthree'; while IFS= read -r line; do echo "<$line>"; done <<< "$text"

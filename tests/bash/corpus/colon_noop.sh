: > truncated.txt; wc -c < truncated.txt; : "${NEW:=assigned}"; echo $NEW

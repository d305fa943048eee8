type cd echo; command -v ls; command -v nosuch; echo "rc=$?"

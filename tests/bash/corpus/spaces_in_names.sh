cat "data/my file.txt"; ls data | grep ' '; for f in data/my*; do echo "[$f]"; done

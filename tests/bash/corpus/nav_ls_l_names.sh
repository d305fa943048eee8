ls -l docs src | sed 's/  */ /g' | cut -d' ' -f1,5,9

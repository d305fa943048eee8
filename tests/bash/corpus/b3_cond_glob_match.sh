f=report.final.txt; [[ $f == report.* ]] && echo match; [[ $f != *.csv ]] && echo not-csv

exec > log.txt; echo into-log; ls data | head -2

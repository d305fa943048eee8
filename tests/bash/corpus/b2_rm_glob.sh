rm data/*.txt; ls data

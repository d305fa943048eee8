ls | wc -l; ls data | wc -l

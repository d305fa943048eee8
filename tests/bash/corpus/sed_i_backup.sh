sed -i.bak 's/1.0/0.9/' docs/CHANGES.txt; ls docs; cat docs/CHANGES.txt

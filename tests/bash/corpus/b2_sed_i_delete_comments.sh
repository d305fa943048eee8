printf '# c\ncode\n# d\nmore\n' > s.txt; sed -i '/^#/d' s.txt; cat s.txt

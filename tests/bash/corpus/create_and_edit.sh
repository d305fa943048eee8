printf 'alpha\nbeta\ngamma\n' > g.txt; sed -i '2d' g.txt; echo delta >> g.txt; cat g.txt

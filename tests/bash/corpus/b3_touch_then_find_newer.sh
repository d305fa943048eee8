touch fresh.txt; find . -newer data/numbers.txt -name 'fresh*'

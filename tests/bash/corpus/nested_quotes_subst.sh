echo "count: $(grep -c "apple" data/words.txt) apples"

sed '2i\inserted' data/words.txt | head -4; sed '1a appended' data/words.txt | head -3

name=banana; sed "s/$name/BANANA/g" data/words.txt | head -2

sort -ru data/words.txt

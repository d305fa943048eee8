cp data/words.txt data/table.txt docs/ && ls docs

echo a b c | xargs echo got

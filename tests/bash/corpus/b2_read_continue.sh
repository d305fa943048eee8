while read -r w; do [ "$w" = apple ] && continue; echo $w; done < data/words.txt | head -4

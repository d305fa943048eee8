mkdir -p x/y/z && touch x/y/z/f && find x | sort

mkdir -p n1 && cd n1 && touch x && cd .. && ls n1

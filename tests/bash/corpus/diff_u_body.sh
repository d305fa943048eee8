printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n' > y1; sed 's/^5$/five/' y1 > y2; diff -u y1 y2 | tail -n +3

printf 'héllo\n' | wc -m; printf 'héllo\n' | wc -c

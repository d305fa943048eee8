printf 'cat\ncatalog\nthe cat sat\nbobcat\n' | grep -w cat

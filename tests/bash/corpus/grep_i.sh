grep -i 'todo' -r src | sort

find src docs -name '*.md' -o -name '*.h' | sort

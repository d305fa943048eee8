grep -rn --exclude='*.md' note . | sort

cp -r src src2 && find src2 | sort

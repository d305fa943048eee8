grep -r file a

du -s src docs data

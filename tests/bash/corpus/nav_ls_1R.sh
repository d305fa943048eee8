ls -1R a

ls -R a

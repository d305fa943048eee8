(cd src && ls); ls | head -3

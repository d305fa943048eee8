ls src/

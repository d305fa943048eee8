find . -path './src/*' -name '*.py'

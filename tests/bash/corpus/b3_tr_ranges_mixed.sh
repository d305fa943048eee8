echo 'Hello, World 123' | tr 'a-zA-Z' 'n-za-mN-ZA-M'

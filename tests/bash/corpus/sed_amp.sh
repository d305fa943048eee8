echo hello | sed 's/l*/[&]/'

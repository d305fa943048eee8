echo -n hello | sha256sum

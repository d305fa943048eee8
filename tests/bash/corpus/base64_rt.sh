echo 'hello base64 world' | base64; echo aGVsbG8K | base64 -d

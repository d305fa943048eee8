f() { :; }; type -t f; type -t ls; type -t if

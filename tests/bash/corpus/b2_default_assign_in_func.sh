f() { local v=${1:-none}; echo $v; }; f; f given

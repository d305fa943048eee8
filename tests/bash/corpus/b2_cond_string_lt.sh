[[ "abc" < "abd" ]] && echo less

a=; b=${a:-${c:-deep}}; echo $b

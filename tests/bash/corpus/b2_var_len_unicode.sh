s=abc; echo ${#s}; t=""; echo ${#t}

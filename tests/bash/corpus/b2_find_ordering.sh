find a

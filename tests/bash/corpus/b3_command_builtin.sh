command echo via-command; command -v cd

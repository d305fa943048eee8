printf 'echo "sourced with $1"\n' > s.sh; source s.sh arg1

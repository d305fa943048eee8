s='version 1.2.3'; if [[ $s =~ ([0-9]+)\.([0-9]+) ]]; then echo "${BASH_REMATCH[1]}-${BASH_REMATCH[2]}"; fi

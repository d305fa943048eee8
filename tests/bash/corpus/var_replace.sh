s=aXbXc; echo "${s/X/-}" "${s//X/-}"

v=1; echo "${v:+yes}" "${w:+no}"

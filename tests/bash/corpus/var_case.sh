s=Hello; echo "${s^^}" "${s,,}"

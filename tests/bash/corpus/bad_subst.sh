echo ${x/}; echo after

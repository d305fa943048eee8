s=hello; echo ${s^}

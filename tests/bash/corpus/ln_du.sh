# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# -P (default): a link counts as itself, never what it points to
du -s t u; echo rc=$?
du -a u | sort -k2
du tl ul; echo rc=$?
du -s tl/ ul/; echo rc=$?
# -L follows (a tree without loops); -H the operands only
du -L -s ul; echo rc=$?
du -H -s ul; echo rc=$?
du -L -a u | sort -k2
du -L -s t/sublink; echo rc=$?
# a loop under -L ends
du -L -s t > /dev/null 2>&1; echo rc=$?

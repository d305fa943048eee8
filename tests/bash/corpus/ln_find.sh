# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# -P (default): links are entries, never descended
find t | sort
find t -type l | sort
find t -type d | sort
find tl; echo rc=$?
find tl/ | sort
# -H follows the start point only
find -H tl | sort
find -H ul -type f | sort
# -L follows every link; a dangling one stays type l
find -L u | sort
find -L u -type f | sort
find -L t -maxdepth 1 -type l; echo rc=$?
# -L on a tree with a loop: never loops, reports it, status 1
find -L t > flist 2>/dev/null; echo rc=$?
find -L . -name s > sl.out 2>/dev/null; echo rc=$?
sort sl.out

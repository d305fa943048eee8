# links in every position: to a file, to a dir, up (a loop), dangling, out of t (inside the workspace)
mkdir -p t/sub u/in; echo zzlink > t/f; echo zzsub > t/sub/s; ln -s f t/flink; ln -s sub t/sublink; ln -s .. t/loop; ln -s nowhere t/dang; ln -s ../docs t/out; ln -s t tl
echo zzin > u/in/x; ln -s in u/inl; ln -s in/x u/xl; ln -s u ul
# -r/-R/-a copy links as links (GNU's -P default), the loop included
cp -r t c1; echo rc=$?
cp -R t c2; echo rc=$?
cp -a t c3; echo rc=$?
cp -rP t c4; echo rc=$?
find c1 c2 c3 c4 -printf '%y %p %l\n' | sort
# a link operand under -r is copied as a link; -H follows it
cp -r tl c5; echo rc=$?
cp -rH tl c6; echo rc=$?
cp -rH ul c7; echo rc=$?
find c5 c6 c7 -printf '%y %p %l\n' | sort
# -L follows every link (in a tree without loops)
cp -rL u c8; echo rc=$?
cp -rL ul c9; echo rc=$?
find c8 c9 -printf '%y %p %l\n' | sort
cat c8/xl c8/inl/x
# into an existing directory, several sources
mkdir dst; cp -r t/sublink t/flink t/dang u dst; echo rc=$?
find dst -printf '%y %p %l\n' | sort
